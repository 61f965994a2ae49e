/* logic/sql.js — SQL as View detail's Query tab shows it (pure: no DOM): its tokens, each with the
 * kind Prism's SQL grammar gives it (prismjs 1.30, components/prism-sql.js: Powerpipe's CodeBlock
 * highlights with it), its patterns as they are, tried in its order at each place from the left
 * (Prism runs each pattern over the whole text in turn: the two differ only where one kind's text
 * holds another's, a "--" inside a string, which Prism's greedy strings mostly take back). */

/* Prism's keyword pattern, split into lines */
const KEYWORD = new RegExp("^(?:" + [
  "ACTION|ADD|AFTER|ALGORITHM|ALL|ALTER|ANALYZE|ANY|APPLY|AS|ASC|AUTHORIZATION|AUTO_INCREMENT",
  "BACKUP|BDB|BEGIN|BERKELEYDB|BIGINT|BINARY|BIT|BLOB|BOOL|BOOLEAN|BREAK|BROWSE|BTREE|BULK|BY",
  "CALL|CASCADED?|CASE|CHAIN|CHAR(?:ACTER|SET)?|CHECK(?:POINT)?|CLOSE|CLUSTERED|COALESCE",
  "COLLATE|COLUMNS?|COMMENT|COMMIT(?:TED)?|COMPUTE|CONNECT|CONSISTENT|CONSTRAINT",
  "CONTAINS(?:TABLE)?|CONTINUE|CONVERT|CREATE|CROSS|CURRENT(?:_DATE|_TIME|_TIMESTAMP|_USER)?",
  "CURSOR|CYCLE|DATA(?:BASES?)?|DATE(?:TIME)?|DAY|DBCC|DEALLOCATE|DEC|DECIMAL|DECLARE|DEFAULT",
  "DEFINER|DELAYED|DELETE|DELIMITERS?|DENY|DESC|DESCRIBE|DETERMINISTIC|DISABLE|DISCARD|DISK",
  "DISTINCT|DISTINCTROW|DISTRIBUTED|DO|DOUBLE|DROP|DUMMY|DUMP(?:FILE)?|DUPLICATE|ELSE(?:IF)?",
  "ENABLE|ENCLOSED|END|ENGINE|ENUM|ERRLVL|ERRORS|ESCAPED?|EXCEPT|EXEC(?:UTE)?|EXISTS|EXIT",
  "EXPLAIN|EXTENDED|FETCH|FIELDS|FILE|FILLFACTOR|FIRST|FIXED|FLOAT|FOLLOWING|FOR(?: EACH ROW)?",
  "FORCE|FOREIGN|FREETEXT(?:TABLE)?|FROM|FULL|FUNCTION|GEOMETRY(?:COLLECTION)?|GLOBAL|GOTO",
  "GRANT|GROUP|HANDLER|HASH|HAVING|HOLDLOCK|HOUR|IDENTITY(?:COL|_INSERT)?|IF|IGNORE|IMPORT",
  "INDEX|INFILE|INNER|INNODB|INOUT|INSERT|INT|INTEGER|INTERSECT|INTERVAL|INTO|INVOKER|ISOLATION",
  "ITERATE|JOIN|KEYS?|KILL|LANGUAGE|LAST|LEAVE|LEFT|LEVEL|LIMIT|LINENO|LINES|LINESTRING|LOAD",
  "LOCAL|LOCK|LONG(?:BLOB|TEXT)|LOOP|MATCH(?:ED)?|MEDIUM(?:BLOB|INT|TEXT)|MERGE|MIDDLEINT",
  "MINUTE|MODE|MODIFIES|MODIFY|MONTH|MULTI(?:LINESTRING|POINT|POLYGON)|NATIONAL|NATURAL|NCHAR",
  "NEXT|NO|NONCLUSTERED|NULLIF|NUMERIC|OFF?|OFFSETS?|ON|OPEN(?:DATASOURCE|QUERY|ROWSET)?",
  "OPTIMIZE|OPTION(?:ALLY)?|ORDER|OUT(?:ER|FILE)?|OVER|PARTIAL|PARTITION|PERCENT|PIVOT|PLAN",
  "POINT|POLYGON|PRECEDING|PRECISION|PREPARE|PREV|PRIMARY|PRINT|PRIVILEGES|PROC(?:EDURE)?",
  "PUBLIC|PURGE|QUICK|RAISERROR|READS?|REAL|RECONFIGURE|REFERENCES|RELEASE|RENAME",
  "REPEAT(?:ABLE)?|REPLACE|REPLICATION|REQUIRE|RESIGNAL|RESTORE|RESTRICT|RETURN(?:ING|S)?",
  "REVOKE|RIGHT|ROLLBACK|ROUTINE|ROW(?:COUNT|GUIDCOL|S)?|RTREE|RULE|SAVE(?:POINT)?|SCHEMA",
  "SECOND|SELECT|SERIAL(?:IZABLE)?|SESSION(?:_USER)?|SET(?:USER)?|SHARE|SHOW|SHUTDOWN|SIMPLE",
  "SMALLINT|SNAPSHOT|SOME|SONAME|SQL|START(?:ING)?|STATISTICS|STATUS|STRIPED|SYSTEM_USER",
  "TABLES?|TABLESPACE|TEMP(?:ORARY|TABLE)?|TERMINATED|TEXT(?:SIZE)?|THEN|TIME(?:STAMP)?",
  "TINY(?:BLOB|INT|TEXT)|TOP?|TRAN(?:SACTIONS?)?|TRIGGER|TRUNCATE|TSEQUAL|TYPES?|UNBOUNDED",
  "UNCOMMITTED|UNDEFINED|UNION|UNIQUE|UNLOCK|UNPIVOT|UNSIGNED|UPDATE(?:TEXT)?|USAGE|USE|USER",
  "USING|VALUES?|VAR(?:BINARY|CHAR|CHARACTER|YING)|VIEW|WAITFOR|WARNINGS|WHEN|WHERE|WHILE",
  "WITH(?: ROLLUP|IN)?|WORK|WRITE(?:TEXT)?|YEAR"
].join("|") + ")\\b", "i");

/* Prism's SQL patterns in its order (the keyword's above), anchored at the place tried */
const RULES = [
  ["comment", /^(?:\/\*[\s\S]*?\*\/|(?:--|\/\/|#).*)/],
  ["variable", /^@(?:(["'`])(?:\\[\s\S]|(?!\1)[^\\])+\1|[\w.$]+)/],
  ["string", /^("|')(?:\\[\s\S]|(?!\1)[^\\]|\1\1)*\1/],
  ["identifier", /^`(?:\\[\s\S]|[^`\\]|``)*`/],
  ["function", /^(?:AVG|COUNT|FIRST|FORMAT|LAST|LCASE|LEN|MAX|MID|MIN|MOD|NOW|ROUND|SUM|UCASE)(?=\s*\()/i],
  ["keyword", KEYWORD],
  ["boolean", /^(?:FALSE|NULL|TRUE)\b/i],
  ["number", /^(?:0x[\da-f]+\b|\d+(?:\.\d*)?|\.\d+\b)/i],
  ["operator", new RegExp("^(?:[-+*/=%^~]|&&?|\\|\\|?|!=?|<(?:=>?|<|>)?|>[>=]?|(?:AND|BETWEEN|DIV|" +
                          "ILIKE|IN|IS|LIKE|NOT|OR|REGEXP|RLIKE|SOUNDS LIKE|XOR)\\b)", "i")],
  ["punctuation", /^[;[\]()`,.]/],
];

/* text as a list of [kind, text] whose texts join back to it: comment, variable, string,
 * identifier, function, keyword, boolean, number, operator, punctuation, or "" (anything else; a
 * word none of them takes whole, so that no keyword is found inside a longer word) */
export function sqlTokens(text) {
  const out = [];
  let s = String(text), prevWord = false;
  while (s) {
    let kind = "", m = null;
    if (!prevWord) for (const [k, re] of RULES) if ((m = re.exec(s))) { kind = k; break; }
    if (!m) m = /^\w+/.exec(s) || /^\s+/.exec(s) || [s[0]];
    const t = m[0];
    const last = out[out.length - 1];
    if (last && !last[0] && !kind) last[1] += t;
    else out.push([kind, t]);
    prevWord = /\w$/.test(t) && /^\w/.test(s.slice(t.length));
    s = s.slice(t.length);
  }
  return out;
}
