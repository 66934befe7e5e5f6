// Tokens of the measure language. Code lists (`CPT{77061..77067}`) are read
// in their own lexer mode, so that codes such as Z90.13, 4548-4 or D1206 are
// single tokens there and never clash with numbers and names elsewhere.
lexer grammar MeasureLexer;

// --- keywords ---------------------------------------------------------------
MEASURE : 'measure' ;
MODULE : 'module' ;
PROGRAM : 'program' ;
SOURCE : 'source' ;
KIND : 'kind' ;
PERIOD : 'period' ;
IMPORT : 'import' ;
INCLUDE : 'include' ;
MINIMUM : 'minimum' ;
CODESET : 'codeset' ;
DEFINE : 'define' ;
POPULATION : 'population' ;
ELIGIBLE : 'eligible' ;
EXCLUDE : 'exclude' ;
// `exception EXPR`: an eCQM denominator exception (proportion measures).
EXCEPTION : 'exception' ;
NUMERATOR : 'numerator' ;
GAP : 'gap' ;
GAPS : 'gaps' ;
STRATIFY : 'stratify' ;
BASED : 'based' ;
TEST : 'test' ;
EXPECT : 'expect' ;
MEMBER : 'member' ;
AND : 'and' ;
OR : 'or' ;
NOT : 'not' ;
IN : 'in' ;
IS : 'is' ;
MISSING : 'missing' ;
TRUE : 'true' ;
FALSE : 'false' ;
AGE : 'age' ;
AT : 'at' ;
MONTHS : 'months' ;
MONTH : 'month' ;
YEARS : 'years' ;
YEAR : 'year' ;
DAYS : 'days' ;
DAY : 'day' ;
ENROLLED : 'enrolled' ;
CONTINUOUSLY : 'continuously' ;
OVER : 'over' ;
ALLOWING : 'allowing' ;
EACH : 'each' ;
OF : 'of' ;
ON : 'on' ;
EXISTS : 'exists' ;
COUNT : 'count' ;
DISTINCT : 'distinct' ;
DATES : 'dates' ;
LATEST : 'latest' ;
FIRST : 'first' ;
// `latest end of q`: the latest end of the events (a soft keyword: `MP.end`,
// `stay.end` still read it as a name)
END_KW : 'end' ;
// `latest time of q`: the latest start with its time of day (soft keyword)
TIME_KW : 'time' ;
// `lowest value of q`, `highest value of q` (soft keywords: also names)
LOWEST : 'lowest' ;
HIGHEST : 'highest' ;
VALUE : 'value' ;
DATE_KW : 'date' ;
WITH : 'with' ;
DURING : 'during' ;
BEFORE : 'before' ;
AFTER : 'after' ;
SETTING : 'setting' ;
BY : 'by' ;
PCP : 'pcp' ;
WHERE : 'where' ;
PRINCIPAL : 'principal' ;
// `with reason S`: why the event was not done (support/CodeSlots.h).
REASON : 'reason' ;
// `with any value`: the event has a value of any kind.
ANY : 'any' ;
DISCHARGE : 'discharge' ;
SITE : 'site' ;
// `with category S`: an observation's or condition's FHIR category.
CATEGORY : 'category' ;
// `with intent S`: an order's FHIR request intent.
INTENT : 'intent' ;
STATUS : 'status' ;
PROVIDER : 'provider' ;
SEX : 'sex' ;
BORN : 'born' ;
FILE_KW : 'file' ;
AS : 'as' ;
DIED : 'died' ;
SUM : 'sum' ;
LEAST : 'least' ;
APART : 'apart' ;
ENROLLMENT : 'enrollment' ;
START : 'start' ;
PER : 'per' ;
PDC : 'pdc' ;
// program scoring (soft keywords: also names, see `ident`)
DOMAIN : 'domain' ;
POINTS : 'points' ;
VARIES : 'varies' ;
EXPLORATORY : 'exploratory' ;
PARAMETER : 'parameter' ;
ASSUMPTION : 'assumption' ;
PRINTED : 'printed' ;
STARS : 'stars' ;
TIERS : 'tiers' ;
PAYMENT : 'payment' ;
EXPOSURE : 'exposure' ;
ATTRIBUTE : 'attribute' ;
TO : 'to' ;
UNIT : 'unit' ;
GATE : 'gate' ;
HAS : 'has' ;
FROM : 'from' ;
// performance improvement (soft keywords too)
IMPROVEMENT : 'improvement' ;
GOAL : 'goal' ;
// member rewards (soft keywords: also names, see `ident`)
EARNED : 'earned' ;
WHEN : 'when' ;
REWARDS : 'rewards' ;
// Fee-for-service payments and replaced measures (programs).
FEE : 'fee' ;
FOR : 'for' ;
SERVICE : 'service' ;
PAYS : 'pays' ;  // `when`: the member rewards' WHEN above
REPLACES : 'replaces' ;

// --- punctuation ------------------------------------------------------------
// Every keyword stands above this line (parse/SyntaxErrors.cpp isKeyword).
LBRACE : '{' ;
RBRACE : '}' ;
LPAREN : '(' ;
RPAREN : ')' ;
LBRACK : '[' ;
RBRACK : ']' ;
COMMA : ',' ;
COLON : ':' ;
RANGE : '..' ;
DOT : '.' ;
ARROW : '->' ;
PERCENT : '%' ;
PLUS : '+' ;
MINUS : '-' ;
STAR : '*' ;
SLASH : '/' ;
EQ : '=' ;
NE : '!=' ;
LE : '<=' ;
GE : '>=' ;
LT : '<' ;
GT : '>' ;

// --- literals ---------------------------------------------------------------
DATE : DIGIT DIGIT DIGIT DIGIT '-' DIGIT DIGIT '-' DIGIT DIGIT ;
// A test event's day with a time of day: `2025-03-10T09:30`, seconds,
// a fraction and an offset optional (docs/language.md "Times of day"; the
// AST builder checks the clock, E0242).
DATETIME
  : DIGIT DIGIT DIGIT DIGIT '-' DIGIT DIGIT '-' DIGIT DIGIT 'T' DIGIT DIGIT ':' DIGIT DIGIT
    (':' DIGIT DIGIT ('.' DIGIT+)?)? ('Z' | ('+' | '-') DIGIT DIGIT ':' DIGIT DIGIT)?
  ;
NUMBER : DIGIT+ '.' DIGIT+ ;
INT : DIGIT+ ;
// `2nd date of`: one token, so that a number followed by a name elsewhere is
// never read as an ordinal; a wrong suffix (`2th`) is reported by the AST
// builder with the right one.
ORDINAL : DIGIT+ ('st' | 'nd' | 'rd' | 'th') ;
STRING : '"' (~["\\\r\n] | '\\' .)* '"' ;
// The unit of a quantity, UCUM text in single quotes: `9 '%'`, `140 'mm[Hg]'`
// (checked by sema, E0230).
UNIT_TEXT : '\'' ~['\r\n]* '\'' ;
// A code written SYSTEM:CODE, as in the data files (test blocks use it).
QCODE : UPPER (UPPER | DIGIT)* ':' CODECHAR+ ('.' CODECHAR+)? ('-' CODECHAR+)* ;
// A code list opens with its system name glued to the brace: CPT{ ... }.
CODES_OPEN : UPPER (UPPER | DIGIT)* '{' -> pushMode(CODES) ;
ID : (LETTER | '_') (LETTER | DIGIT | '_')* ;

LINE_COMMENT : '//' ~[\r\n]* -> skip ;
BLOCK_COMMENT : '/*' .*? '*/' -> skip ;
WS : [ \t\r\n]+ -> skip ;
// Anything else is one bad token; the parser reports it with its location.
UNKNOWN_CHAR : . ;

fragment DIGIT : [0-9] ;
fragment UPPER : [A-Z] ;
fragment LETTER : [A-Za-z] ;
fragment CODECHAR : [A-Za-z0-9_] ;

mode CODES;
C_WS : [ \t\r\n]+ -> skip ;
C_LINE_COMMENT : '//' ~[\r\n]* -> skip ;
C_COMMA : ',' ;
C_RANGE : '..' ;
C_CLOSE : '}' -> popMode ;
C_CODE : CODECHAR+ ('.' CODECHAR+)? ('-' CODECHAR+)* ;
// A code family: the code and all its children (`Z30.*`, `Z30.0*`).
C_FAMILY : CODECHAR+ ('.' CODECHAR*)? '*' ;
C_UNKNOWN : . ;
