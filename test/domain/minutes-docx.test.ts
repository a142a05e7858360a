/**
 * The .docx of signed minutes, read back with node:zlib: a valid zip (CRC-32 of each entry
 * checked), a WordprocessingML package, A4 with the GB/T 9704 margins, the fonts named, the 版头
 * and 版记 present, and every line of the minutes' text in order, typed text escaped.
 */
import { describe, expect, it } from 'vitest';
import { crc32 } from '../../src/services/zip.js';
import { FONTS, minutesDocx } from '../../src/services/minutes-docx.js';
import { docxParagraphs, unzip } from '../support/unzip.js';

const body = [
  '# 第六次党组会议纪要', '', '- 会议组织:市人大常委会党组', '- 主持人:张书记', '', '## 出席情况', '', '应到会 5 人,实到会 4 人。', '',
  '## 议题及决定', '', '### 一、关于<at id=all></at>执法检查 & 方案"草案"', '', '- 决定:通过', '- 未到会成员书面意见(已记录,不计入票数):', '  - 周委员:同意该方案',
].join('\n');
/** Full-width spaces (U+3000), as the document pads with. */
const GAP2 = '\u3000'.repeat(2);
const GAP4 = '\u3000'.repeat(4);
const docx = minutesDocx({ issuer: '市人大常委会党组', body, signer: '张书记', signedOn: '2026年12月10日' });

describe('the .docx of signed minutes', () => {
  it('computes the standard CRC-32', () => {
    expect(crc32(Buffer.from('123456789'))).toBe(0xcbf43926);
  });

  it('is a zip holding a WordprocessingML package', () => {
    const files = unzip(docx);
    expect([...files.keys()]).toEqual(['[Content_Types].xml', '_rels/.rels', 'word/document.xml']);
    expect(files.get('[Content_Types].xml')?.toString()).toContain('wordprocessingml.document.main+xml');
    expect(files.get('_rels/.rels')?.toString()).toContain('Target="word/document.xml"');
  });

  it('is A4 with the GB/T 9704 margins and names its fonts', () => {
    const xml = unzip(docx).get('word/document.xml')?.toString() ?? '';
    expect(xml).toContain('<w:pgSz w:w="11906" w:h="16838"/>');
    expect(xml).toContain('w:top="2098" w:right="1474" w:bottom="1984" w:left="1588"');
    for (const font of Object.values(FONTS)) expect(xml).toContain(`w:eastAsia="${font}"`);
    // The 版头 mark is red; the title is 二号 (44 half-points) 方正小标宋简体, the text 三号 仿宋_GB2312.
    expect(xml).toMatch(/<w:rFonts w:ascii="方正小标宋简体"[^>]*\/><w:color w:val="FF0000"\/><w:sz w:val="52"\/>.*?市人大常委会党组会议纪要/);
    expect(xml).toMatch(/<w:rFonts w:ascii="方正小标宋简体"[^>]*\/><w:sz w:val="44"\/><w:szCs w:val="44"\/><\/w:rPr><w:t xml:space="preserve">第六次党组会议纪要/);
    expect(xml).toMatch(/<w:rFonts w:ascii="仿宋_GB2312"[^>]*\/><w:sz w:val="32"\/>.*?决定:通过/);
    expect(xml).not.toContain('<at id=all>');
  });

  it('holds the 版头, the text line by line, the signature and the 版记, in order', () => {
    expect(docxParagraphs(docx)).toEqual([
      '市人大常委会党组会议纪要', `市人大常委会党组办公室${GAP4}2026年12月10日`,
      '第六次党组会议纪要', '会议组织:市人大常委会党组', '主持人:张书记', '出席情况', '应到会 5 人,实到会 4 人。', '议题及决定',
      '一、关于<at id=all></at>执法检查 & 方案"草案"', '决定:通过', '未到会成员书面意见(已记录,不计入票数):', '周委员:同意该方案',
      `审签：张书记${GAP2}2026年12月10日`, '', `市人大常委会党组办公室${GAP4}2026年12月10日印发`,
    ]);
  });

  it('is the same bytes for the same minutes', () => {
    expect(minutesDocx({ issuer: '市人大常委会党组', body, signer: '张书记', signedOn: '2026年12月10日' }).equals(docx)).toBe(true);
  });
});
