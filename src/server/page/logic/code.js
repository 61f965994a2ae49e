/* logic/code.js — SQL and HCL as View detail's Query and Definition tabs show them (pure: no
 * DOM): their tokens, each with the kind Prism's grammar gives it (prismjs 1.30,
 * components/prism-sql.js and prism-hcl.js: Powerpipe's CodeBlock highlights with them), its
 * patterns as they are, tried in its order at each place from the left (Prism runs each pattern
 * over the whole text in turn: the two differ only where one kind's text holds another's, a "--"
 * inside a string, which Prism's greedy strings mostly take back). */

/* text as a list of [kind, text] whose texts join back to it, by rules: [kind, pattern] in their
 * order, each pattern tried where the last token ended (sticky); text no rule takes is "" (a word
 * whole, so that no pattern starts inside it) */
function tokens(text, rules) {
  const s = String(text), out = [];
  const sticky = rules.map(([k, re]) => [k, new RegExp(re.source, re.flags.replace(/[gy]/g, "") + "y")]);
  for (let at = 0; at < s.length;) {
    let kind = "", t = null;
    for (const [k, re] of sticky) {
      re.lastIndex = at;
      const m = re.exec(s);
      if (m && m[0]) { kind = k; t = m[0]; break; }
    }
    if (t === null) t = (/^\w+/.exec(s.slice(at, at + 256)) || [s[at]])[0];
    const last = out[out.length - 1];
    if (last && !last[0] && !kind) last[1] += t;
    else out.push([kind, t]);
    at += t.length;
  }
  return out;
}

/* Prism's SQL keyword pattern, split into lines */
const SQL_KEYWORD = new RegExp("\\b(?:" + [
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

/* Prism's SQL patterns in its order (lookbehinds as JavaScript's) */
const SQL = [
  ["comment", /(?<!\\)(?:\/\*[\s\S]*?\*\/|(?:--|\/\/|#).*)/],
  ["variable", /@(["'`])(?:\\[\s\S]|(?!\1)[^\\])+\1|@[\w.$]+/],
  ["string", /(?<![@\\])("|')(?:\\[\s\S]|(?!\1)[^\\]|\1\1)*\1/],
  ["identifier", /(?<![@\\])`(?:\\[\s\S]|[^`\\]|``)*`/],
  ["function", /\b(?:AVG|COUNT|FIRST|FORMAT|LAST|LCASE|LEN|MAX|MID|MIN|MOD|NOW|ROUND|SUM|UCASE)(?=\s*\()/i],
  ["keyword", SQL_KEYWORD],
  ["boolean", /\b(?:FALSE|NULL|TRUE)\b/i],
  ["number", /\b0x[\da-f]+\b|\b\d+(?:\.\d*)?|\B\.\d+\b/i],
  ["operator", new RegExp("[-+*/=%^~]|&&?|\\|\\|?|!=?|<(?:=>?|<|>)?|>[>=]?|\\b(?:AND|BETWEEN|DIV|" +
                          "ILIKE|IN|IS|LIKE|NOT|OR|REGEXP|RLIKE|SOUNDS LIKE|XOR)\\b", "i")],
  ["punctuation", /[;[\]()`,.]/],
];

/* Prism's HCL patterns in its order; a string's interpolations are the string's here */
const HCL = [
  ["comment", /(?:\/\/|#).*|\/\*[\s\S]*?(?:\*\/|$)/],
  ["string", /<<-?(\w+\b)[\s\S]*?^[ \t]*\1/m],   /* a heredoc (Prism's alias: string) */
  ["keyword", /[\w-]+(?=\s+\{)/],
  ["property", /[-\w.]+(?=\s*=(?!=))|"(?:\\[\s\S]|[^\\"])+"(?=\s*[:=])/],
  ["string", /"(?:[^\\$"]|\\[\s\S]|\$(?:(?=")|\$+(?!\$)|[^"${])|\$\{(?:[^{}"]|"(?:[^\\"]|\\[\s\S])*")*\})*"/],
  ["number", /\b0x[\da-f]+\b|\b\d+(?:\.\d*)?(?:e[+-]?\d+)?/i],
  ["boolean", /\b(?:false|true)\b/i],
  ["punctuation", /[=[\]{}]/],
];

/* SQL's tokens: comment, variable, string, identifier, function, keyword, boolean, number,
 * operator, punctuation or "" */
export const sqlTokens = (text) => tokens(text, SQL);

/* HCL's tokens: comment, string, keyword, property, number, boolean, punctuation or "" */
export const hclTokens = (text) => tokens(text, HCL);
