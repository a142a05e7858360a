/**
 * The signed 会议纪要 as a Word document, laid out as GB/T 9704-2012 lays out an office document:
 * A4, margins 37 / 35 / 28 / 26 mm, the 版头 (the issuer's 纪要 mark in red 方正小标宋简体, a red
 * rule), the 主体 (title in 方正小标宋简体 二号, text in 仿宋_GB2312 三号, headings in 黑体 and 楷体_GB2312)
 * and the 版记 (印发机关 and 印发日期 between rules). Pure: the text and the dates come in.
 */
import type { Committee, Minutes } from '../domain/index.js';
import { localDateTime } from './local-date.js';
import { zip } from './zip.js';

export interface MinutesDocument {
  /** The issuer, e.g. 市人大常委会党组: the 版头 reads 市人大常委会党组会议纪要. */
  issuer: string;
  /** The drafted Markdown (minutes-draft.ts). */
  body: string;
  signer: string;
  /** 2026年12月10日: the day signed, which is the day issued. */
  signedOn: string;
}

export const FONTS = { title: '方正小标宋简体', body: '仿宋_GB2312', heading: '黑体', subheading: '楷体_GB2312' } as const;
const RED = 'FF0000';
/** Half-points: 二号 22 pt, 三号 16 pt, 四号 14 pt. */
const SIZE = { masthead: 52, title: 44, body: 32, record: 28 } as const;

const xmlText = (text: string): string => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

interface RunStyle { font: string; size: number; bold?: boolean; color?: string }
interface ParaStyle { align?: 'center' | 'left' | 'right' | 'both'; indentChars?: number; hangingChars?: number; border?: 'top' | 'bottom' | 'both'; borderColor?: string; spacingAfter?: number }

function run(text: string, s: RunStyle): string {
  const fonts = `<w:rFonts w:ascii="${s.font}" w:eastAsia="${s.font}" w:hAnsi="${s.font}" w:cs="${s.font}"/>`;
  const props = `${fonts}${s.bold === true ? '<w:b/>' : ''}${s.color === undefined ? '' : `<w:color w:val="${s.color}"/>`}<w:sz w:val="${s.size}"/><w:szCs w:val="${s.size}"/>`;
  return `<w:r><w:rPr>${props}</w:rPr><w:t xml:space="preserve">${xmlText(text)}</w:t></w:r>`;
}

function para(text: string, r: RunStyle, p: ParaStyle = {}): string {
  const line = (side: string) => `<w:${side} w:val="single" w:sz="12" w:space="1" w:color="${p.borderColor ?? '000000'}"/>`;
  const border = p.border === undefined ? '' : `<w:pBdr>${p.border !== 'bottom' ? line('top') : ''}${p.border !== 'top' ? line('bottom') : ''}</w:pBdr>`;
  const indent = p.indentChars === undefined && p.hangingChars === undefined ? ''
    : `<w:ind${p.indentChars === undefined ? '' : ` w:firstLineChars="${p.indentChars * 100}"`}${p.hangingChars === undefined ? '' : ` w:leftChars="${p.hangingChars * 100}"`}/>`;
  const props = `${border}<w:spacing w:after="${p.spacingAfter ?? 0}" w:line="560" w:lineRule="exact"/>${indent}<w:jc w:val="${p.align ?? 'both'}"/>`;
  return `<w:p><w:pPr>${props}</w:pPr>${text === '' ? '' : run(text, r)}</w:p>`;
}

/** The full-width space (U+3000) Chinese documents pad with. */
const GAP = '\u3000';

const BODY: RunStyle = { font: FONTS.body, size: SIZE.body };

/** One line of the drafted Markdown as a paragraph of the 主体. */
function bodyParagraph(line: string): string {
  if (line.startsWith('# ')) return para(line.slice(2), { font: FONTS.title, size: SIZE.title }, { align: 'center', spacingAfter: 280 });
  if (line.startsWith('## ')) return para(line.slice(3), { font: FONTS.heading, size: SIZE.body }, { indentChars: 2 });
  if (line.startsWith('### ')) return para(line.slice(4), { font: FONTS.subheading, size: SIZE.body, bold: true }, { indentChars: 2 });
  const nested = /^\s+- (.*)$/.exec(line);
  if (nested) return para(nested[1] ?? '', BODY, { indentChars: 4 });
  if (line.startsWith('- ')) return para(line.slice(2), BODY, { indentChars: 2 });
  return para(line, BODY, { indentChars: 2 });
}

function documentXml(doc: MinutesDocument): string {
  const masthead = [
    para(`${doc.issuer}会议纪要`, { font: FONTS.title, size: SIZE.masthead, color: RED }, { align: 'center', spacingAfter: 200 }),
    para(`${doc.issuer}办公室${GAP.repeat(4)}${doc.signedOn}`, BODY, { align: 'center', border: 'bottom', borderColor: RED, spacingAfter: 400 }),
  ];
  const body = doc.body.split('\n').filter((line) => line.trim() !== '').map(bodyParagraph);
  const signed = para(`审签：${doc.signer}${GAP.repeat(2)}${doc.signedOn}`, BODY, { align: 'right' });
  const record = [
    para('', BODY),
    para(`${doc.issuer}办公室${GAP.repeat(4)}${doc.signedOn}印发`, { font: FONTS.body, size: SIZE.record }, { align: 'left', border: 'both' }),
  ];
  // A4 (11906 × 16838 twips); margins 37 mm top, 35 mm bottom, 28 mm left, 26 mm right.
  const section = '<w:sectPr><w:pgSz w:w="11906" w:h="16838"/><w:pgMar w:top="2098" w:right="1474" w:bottom="1984" w:left="1588" w:header="851" w:footer="992" w:gutter="0"/></w:sectPr>';
  return '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    + '<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>'
    + [...masthead, ...body, signed, ...record].join('') + section + '</w:body></w:document>';
}

const CONTENT_TYPES = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
  + '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
  + '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
  + '<Default Extension="xml" ContentType="application/xml"/>'
  + '<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>'
  + '</Types>';
const RELS = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
  + '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
  + '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/>'
  + '</Relationships>';

/** The .docx bytes. */
export function minutesDocx(doc: MinutesDocument): Buffer {
  return zip([
    { name: '[Content_Types].xml', data: CONTENT_TYPES },
    { name: '_rels/.rels', data: RELS },
    { name: 'word/document.xml', data: documentXml(doc) },
  ]);
}

/**
 * The file of signed minutes as the group receives it, named after the meeting; null while they
 * are a draft (only signed minutes are issued).
 */
export function signedMinutesFile(committee: Pick<Committee, 'name' | 'roster' | 'timeZone'>, meetingTitle: string, minutes: Minutes): { name: string; base64: string } | null {
  if (minutes.status !== 'signed' || minutes.signedBy === undefined || minutes.signedAt === undefined) return null;
  const signer = committee.roster.find((m) => m.id === minutes.signedBy)?.name ?? minutes.signedBy;
  const signedOn = localDateTime(minutes.signedAt, committee.timeZone).split(' ')[0] ?? '';
  const bytes = minutesDocx({ issuer: committee.name, body: minutes.body, signer, signedOn });
  // File names keep to what every system accepts: no path separators or reserved characters.
  const name = `${meetingTitle.replace(/[\\/:*?"<>|\s]+/g, '')}纪要.docx`;
  return { name, base64: bytes.toString('base64') };
}
