import { defineMessages } from '../i18n/index.js';

/** Sentences of the spreadsheet import: refusals of a file, the report's row messages, job failures. */
export const IMP = defineMessages('imports', {
  unknownKind: { zh: '没有“{kind}”这种导入类型。可用类型：{known}。', en: "Unknown import kind '{kind}'. Known: {known}." },
  noFile: { zh: '请上传 CSV 或 XLSX 文件（multipart 字段 file，或直接作为请求体）。', en: 'Upload a CSV or XLSX file (multipart field "file", or the raw body).' },
  csvUnreadable: { zh: '无法读取该 CSV 文件。', en: 'The CSV file cannot be read: {why}' },
  xlsxUnreadable: { zh: '无法读取该 XLSX 文件。', en: 'The XLSX file cannot be read: {why}' },
  zipUnreadable: { zh: '无法读取该 XLSX 文件：{why}。', en: 'The XLSX file cannot be read: {why}.' },
  zipNoDirectory: { zh: '找不到压缩包目录', en: 'no zip directory' },
  zip64: { zh: '不接受 ZIP64 格式的压缩包', en: 'ZIP64 archives are not accepted' },
  zipEntries: { zh: '包含 {count} 个文件', en: '{count} entries' },
  zipDamagedDirectory: { zh: '压缩包目录已损坏', en: 'damaged zip directory' },
  zipDamagedEntry: { zh: '文件 {name} 已损坏', en: 'damaged entry {name}' },
  zipCompression: { zh: '{name} 使用了不支持的压缩方式', en: 'unsupported compression in {name}' },
  zipInflate: { zh: '{name} 解压失败', en: '{name}: {why}' },
  noHeader: {
    zh: '前 {rows} 行中未找到表头：表头须包含关键列（{keyNames}）及至少一个其他已知列（见 GET /imports/kinds）。',
    en: 'No header row found in the first {rows} rows: the headers must include the key column ({keyNames}) and at least one other known column (GET /imports/kinds lists them).',
  },
  missingKey: { zh: '必填：本行“{header}”列为空（导入关键列）。', en: "Required: column '{header}' ({name}, the import key) is empty in this row." },
  expanded: {
    zh: '该 XLSX 文件解压后为 {size}（上限 {max}），疑似压缩炸弹或表格过大，请拆分成多个文件。',
    en: 'The XLSX file expands to {size} (limit {max}): it looks like a zip bomb or a very large sheet; split it into smaller files.',
  },
  lying: {
    zh: '该 XLSX 文件解压后的大小与其声明不符（文件损坏或被刻意构造），已拒绝。',
    en: 'The XLSX file expands to more than it declares: it is damaged or crafted to exhaust the server; it was refused.',
  },
  rows: { zh: '文件超过 {max} 行，请拆分成多个文件。', en: 'The file has more than {max} rows; split it into smaller files.' },
  cells: { zh: '文件超过 {max} 个单元格，请删除多余的列或拆分文件。', en: 'The file has more than {max} cells; remove unused columns or split it.' },
  time: { zh: '读取文件超过 {seconds} 秒，请拆分成多个文件。', en: 'Reading the file took longer than {seconds} s; split it into smaller files.' },
  unknownColumns: {
    zh: '以下表头不属于任何导入列，其内容未导入：{columns}。',
    en: 'These headers match no import column; their cells were not imported: {columns}.',
  },
  jobRetry: { zh: '导入时出错，稍后将自动重试。', en: 'The import stopped and will be retried: {why}' },
});
