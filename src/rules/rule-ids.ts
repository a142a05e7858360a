/**
 * Every rule id the profiles may cite: seed articles, national texts (NAT-…) and resolutions (A1–A25). A seed rule
 * carries a short verbatim quote of its seed document, so a test can prove the citation is real.
 */
export type RuleSource = 'JY' | 'NT' | 'MS' | 'ZY' | 'AJ' | 'NAT' | 'AMBIGUITY';

export interface RuleIdEntry {
  readonly source: RuleSource;
  readonly summary: string;
  /** A verbatim fragment of the seed text (seed rules only). */
  readonly quote?: string;
}

const seed = (source: RuleSource, summary: string, quote: string): RuleIdEntry => ({ source, summary, quote });
const nat = (summary: string): RuleIdEntry => ({ source: 'NAT', summary });
const amb = (summary: string): RuleIdEntry => ({ source: 'AMBIGUITY', summary });

export const RULE_IDS: Readonly<Record<string, RuleIdEntry>> = {
  'JY-11c': seed('JY', 'trip outside the city: report to the chair first, then filing', '应当事先向党组书记报告,并履行相应的审批和离澄报告备案等手续'),
  'JY-12a': seed('JY', 'life meeting once a year', '民主生活会每年召开一次'),
  'JY-12d': seed('JY', 'report the life meeting within 15 days', '民主生活会结束后15天内,应当向市委书面报告会议情况'),
  'JY-13a': seed('JY', 'chair talks with each member at least once a year', '党组书记带头同班子成员谈心谈话,每年至少一次'),
  'JY-13b': seed('JY', 'chair talks with each committee head once per term', '谈话每届至少一次'),
  'JY-13c': seed('JY', 'members talk with the heads they oversee once a year', '党组成员同分管专委会、机构负责同志谈话每年至少一次'),
  'JY-14a': seed('JY', 'comprehensive report to the city committee at least once a year', '每年至少向市委作一次全面工作报告'),
  'JY-21': seed('JY', 'party group meeting monthly', '党组会议一般每月召开一次'),
  'JY-22': seed('JY', 'generally no items added at the meeting', '会议举行时一般不临时增加议题'),
  'JY-23a': seed('JY', 'quorum: half or more of the members', '党组会议应当有半数以上成员到会方可举行'),
  'JY-23b': seed('JY', 'personnel and other major items: two thirds present', '讨论人事等重大问题时,应有三分之二以上成员到会'),
  'JY-23c': seed('JY', 'leave before the meeting; written opinions allowed', '应在会前请假,对会议议题的重要意见可以用书面形式表达'),
  'JY-23d': seed('JY', 'recusal', '有关成员应当回避'),
  'JY-24b': seed('JY', 'passes with yes votes above half of the members', '赞成票超过应到会党组成员半数为通过'),
  'JY-24c': seed('JY', 'absent members\' written opinions are not counted', '未到会党组成员的书面意见不得计入票数'),
  'JY-24d': seed('JY', 'oral vote: the chair speaks last', '如口头表决,应当实行主持人末位表态制'),
  'JY-24e': seed('JY', 'each item is voted separately', '会议决定多个事项的,应当逐项进行表决'),
  'JY-25': seed('JY', 'observers may attend without a vote', '列席'),
  'JY-27': seed('JY', 'minutes issued after the chair signs them', '起草党组会议纪要,经党组书记审签后印发'),
  'JY-35': seed('JY', 'in force since passage', '本规则自通过之日起实施'),

  'NT-2.2': seed('NT', 'comprehensive report to the municipal organisation department yearly', '党组每年至少要向市组织部作1次全面报告'),
  'NT-2.5': seed('NT', 'no ad-hoc motions on major matters or appointments', '临时动议'),
  'NT-3.3': seed('NT', 'party group meeting monthly in principle', '会议原则上每月召开一次'),
  'NT-3.4a': seed('NT', 'agenda set by the chair; no ad-hoc motions', '由党组书记确定,不得临时动议'),
  'NT-3.4b': seed('NT', 'agenda and date notified two days before', '会前两天通知有关人员'),
  'NT-3.4c': seed('NT', 'objections one day before', '应当在会前一天向会议主持人提出'),
  'NT-3.4d': seed('NT', 'emergency meetings', '突发事件和紧急情况'),
  'NT-3.5a': seed('NT', 'observers by role', '列席会议'),
  'NT-3.5b': seed('NT', 'quorum: two thirds for every meeting', '党组会议必须有三分之二以上成员到会方能召开'),
  'NT-3.5c': seed('NT', 'meeting leave approved by the chair; views given to the chair', '应当事先请假并经会议主持人同意'),
  'NT-3.6b': seed('NT', 'passes with yes votes above half of the members', '赞成票超过应到会党组成员的半数为通过'),
  'NT-3.6d': seed('NT', 'major disagreement: defer', '一般应暂缓决定'),
  'NT-3.9': seed('NT', 'reconsideration only with the chair\'s consent', '经党组书记同意,可在党组会上进行复议'),
  'NT-4.1': seed('NT', 'life meeting yearly; report before the meeting', '原则上每年召开一次'),
  'NT-4.3': seed('NT', 'life meeting summary reported', '会议总结要报市纪委、市委组织部'),
  'NT-4.4': seed('NT', 'mass evaluation after the life meeting', '接受群众测评'),
  'NT-5.1': seed('NT', 'annual report of the chair', '建立党组书记述职及其成员履职考核制度'),

  'MS-1a': seed('MS', 'district committee holds an NPC work conference once per term', '在人大每届任期内至少召开一次人大工作会议'),
  'MS-1b': seed('MS', 'review the annual supervision plan', '及时审定人大常委会年度监督计划'),
  'MS-1c': seed('MS', 'street party secretary studies NPC work every two months', '每两个月至少专题研究一次人大工作'),
  'MS-1d': seed('MS', 'street party secretary hears an NPC work report every half year', '每半年至少专题听取一次人大工作情况汇报'),
  'MS-3b': seed('MS', 'NPC SC party group reports to the district standing committee every half year', '每半年向区委常委会报告一次主要工作完成情况'),
  'MS-3c': seed('MS', 'annual and half-yearly written topic reports', '每年、每半年分别就'),
  'MS-4b': seed('MS', 'national Constitution Day', '落实国家宪法日规定'),
  'MS-5a': seed('MS', 'satisfaction evaluation after special inquiries', '满意度测评'),
  'MS-7': seed('MS', 'elections and appointments by statutory procedure', '严格依照法定职权和法定程序选举和任免'),

  'ZY-DY-1': seed('ZY', 'each standing member writes 1-2 research reports a year', '每人每年都应确定1-2个专题开展调查研究'),
  'ZY-DY-2': seed('ZY', 'field stay at a grassroots point each year', '蹲点'),
  'ZY-BG-2': seed('ZY', 'public emergencies reported within 2 hours', '在2小时内向上级党委进行报告'),
  'ZY-BG-5': seed('ZY', 'party groups report to the standing committee quarterly', '原则上每季度向同级党委常委会报告一次工作'),
  'ZY-BG-6': seed('ZY', 'mid-year and year-end written reports', '年中和年末以书面形式全面报告'),
  'ZY-TB-1': seed('ZY', 'standing committee reports to the plenary every half year', '常委会原则上每半年向全委会报告一次工作情况'),
  'ZY-TB-2': seed('ZY', 'monthly standing committee meeting', '常委会每月召开一次例会'),
  'ZY-TB-3': seed('ZY', 'standing members meet every half month', '原则上每半月召开一次常委碰头会'),
  'ZY-TB-6': seed('ZY', 'other leaders attend as observers', '列席常委会议'),
  'ZY-JD-1a': seed('ZY', 'annual report on duties with democratic evaluation', '述职述廉'),
  'ZY-JD-1b': seed('ZY', 'incompetent or poor votes above one third of valid votes', '超过有效票三分之一'),
  'ZY-JD-4': seed('ZY', 'every absence is reported or goes through leave and return', '均须履行报告制度或请销假手续'),
  'ZY-JD-4.1': seed('ZY', 'going abroad needs the principal\'s consent before exit procedures', '经主要负责同志同意后,方可办理政审及出国(境)手续'),
  'ZY-JD-4.2a': seed('ZY', 'report to the principal about 3 days before going out', '一般要在3天前向市、县区委主要负责同志报告'),
  'ZY-JD-4.2b': seed('ZY', 'private absence needs a leave request', '因私外出须履行请假手续'),
  'ZY-JD-4.2c': seed('ZY', 'county principal: city principal approves, filed with the city organisation department', '因私外出向市委主要负责同志请假,报市委组织部备案'),
  'ZY-JD-4.2d': seed('ZY', 'other county members: 3 / 7 / 8-day tiers', '县区委班子其他成员因私事请假3天以内'),
  'ZY-JD-4.3a': seed('ZY', 'standard form: reason, dates, approver\'s comment', '用统一格式的报告单或请假条,注明外出理由和时间,并由审批者签注意见'),
  'ZY-JD-4.3b': seed('ZY', 'half-yearly summary of absences to the city organisation department', '县区委每半年向市委组织部汇总报告一次班子成员外出和请假情况'),
  'ZY-JD-5': seed('ZY', 'life meeting of the county leadership', '民主生活会'),

  'AJ-2': seed('AJ', 'branch meetings held regularly', '定期召开机关支部党员大会、支部委员会、支部党小组会'),
  'AJ-4': seed('AJ', 'integrity education every year', '每年定期组织机关党员干部开展廉政警示教育'),
  'AJ-6': seed('AJ', 'annual study plan', '制定全年学习计划'),
  'AJ-8': seed('AJ', 'study law before meetings, at least monthly', '每月至少1次'),
  'AJ-9': seed('AJ', 'one concentrated training a year', '每年组织一期'),
  'AJ-13': seed('AJ', 'one research article per office a year', '各委室科每年至少撰写一篇调研文章'),
  'AJ-14': seed('AJ', 'attendance compiled monthly', '出勤由各委室科每月汇总登记后交办公室备查'),
  'AJ-15a': seed('AJ', 'written leave request filed with the office; make-up slip afterwards', '应履行书面请假手续,交办公室备案'),
  'AJ-15b': seed('AJ', 'staff leave tiers 1 / 3 / above 3 days', '1天以内由委室科负责人批准,3天以内由常委会分管副主任批准,3天以上由常委会主任批准'),
  'AJ-15c': seed('AJ', 'report back after the leave', '请假结束后,应及时到办公室销假'),
  'AJ-15d': seed('AJ', 'office heads ask the leader in charge or the principal', '委室科负责人向常委会分管领导或主要领导请假'),
  'AJ-20': seed('AJ', 'archive transfer by the end of March of the next year', '于次年三月底前将需由常委会存档的文件资料移交办公室'),
  'AJ-23': seed('AJ', 'annual health check', '每年定期组织职工进行健康体检'),
  'AJ-30': seed('AJ', 'business trips: in district the leader in charge, outside the director', '区内出差,由常委会分管领导同意;区外出差由常委会主任审批'),
  'AJ-35': seed('AJ', 'quarter-end review with democratic evaluation', '每季度末由常委会党组组织实施'),

  'NAT-PG-19': nat('党组工作条例(试行) art. 19: comprehensive report to the approving committee at least once a year'),
  'NAT-PG-25': nat('党组工作条例(试行) art. 25: meetings monthly in principle; agenda set by the secretary'),
  'NAT-PG-26': nat('党组工作条例(试行) art. 26: quorum 半数以上; 干部任免 2/3; leave before the meeting; written opinions; recusal'),
  'NAT-PG-27': nat('党组工作条例(试行) art. 27: passes with yes above half of 应到会; written opinions not counted; chair last; item by item'),
  'NAT-PG-2019': nat('中国共产党党组工作条例 (2019): keeps the quorum and vote rules; 2/3 for 干部任免 and 处分党员'),
  'NAT-LC': nat('中国共产党地方委员会工作条例 (2015): 常委会 quorum 半数以上; 干部任免 2/3; yes above half of 应到会'),
  'NAT-ORG-51': nat('地方组织法 (2022) art. 51: NPC standing committee quorum and resolutions by a majority of all members'),
  'NAT-NPCSC': nat('全国人大常委会议事规则 (2022): 过半数 quorum; notice seven days before; written leave'),
  'NAT-PC-17': nat('党章 art. 17: defer a close decision on an important question unless it is urgent'),
  'NAT-SEL': nat('党政领导干部选拔任用工作条例 (2019): 2/3 present, principal last, more than half of members to decide'),
  'NAT-DSH': nat('县以上党和国家机关党员领导干部民主生活会若干规定 (2016): a life meeting every year'),

  A1: amb('overlapping leave tiers: first match in listed order'),
  A2: amb('leave days: AJ working days, ZY calendar days, half-day steps'),
  A3: amb('ZY tiers 3 / 7 / 8: the gap above 7 goes to the 8-day tier'),
  A4: amb('which topics need two thirds: personnel, discipline, and items tagged major'),
  A5: amb('半数以上 includes half'),
  A6: amb('recused members stay in the denominator'),
  A7: amb('absent members\' written opinions are recorded, never counted'),
  A8: amb('the chair speaks last in oral, show-of-hands and named votes'),
  A9: amb('notice days counted by calendar date in Asia/Shanghai'),
  A10: amb('"within N days": start day not counted, day N included, no holiday roll-over by default'),
  A11: amb('life meeting reports: 15 days before and 15 days after by default'),
  A12: amb('每年、每半年分别: each topic half-yearly and yearly'),
  A13: amb('fixed calendar windows, with a warning for long gaps'),
  A14: amb('periodic reports with no due day: due at the end of the window'),
  A15: amb('evaluation: 超过 is exclusive; valid votes exclude blank and spoiled ballots'),
  A16: amb('report about 3 days before: soft, warned'),
  A17: amb('2 hours from the moment the unit became aware'),
  A18: amb('merged into A4'),
  A19: amb('N is the voting members in post, less formal exclusions'),
  A20: amb('emergency meetings waive only the notice and ad-hoc checks'),
  A21: amb('close votes on major or personnel items: advise deferral'),
  A22: amb('次年三月底前: 31 March of the next year, inclusive'),
  A23: amb('office head leave: leader in charge up to 3 days, principal above; either accepted'),
  A24: amb('离澄 means leaving Jiangyin: outsideCity'),
  A25: amb('2017 seeds layer on the 2019 national rules'),
};

/** Whether a rule id is one this module knows. */
export function isKnownRuleId(id: string): boolean {
  return Object.hasOwn(RULE_IDS, id);
}
