// Syntax of the measure language: measures, library modules and programs.
// The parse tree is turned into the project's AST by compiler/parse/ and
// nothing else sees it.
parser grammar MeasureParser;

options { tokenVocab = MeasureLexer; }

file : decl* EOF ;

decl
  : MEASURE ID STRING LBRACE measureItem* RBRACE    # measureDecl
  | MODULE qualifiedName LBRACE measureItem* RBRACE # moduleDecl
  | PROGRAM ID STRING LBRACE programItem* RBRACE    # programDecl
  ;

qualifiedName : ident (DOT ident)* ;

measureItem
  : SOURCE STRING                                         # sourceItem
  // `kind proportion`, `kind inverse`, `kind rate per 100 member years`,
  // `kind inverse rate per 1000 member years`
  | KIND ident (ident? PER INT MEMBER YEARS)?               # kindItem
  | EXPOSURE expr                                         # exposureItem
  | PERIOD INT                                            # periodItem
  | IMPORT qualifiedName                                  # importItem
  | CODESET ident EQ codesetExpr                          # codesetItem
  | DEFINE ident params? EQ expr                          # defineItem
  | ruleKeyword expr                                      # ruleItem
  | GAP STRING                                            # gapItem
  | COUNT STATUS statusName (COMMA statusName)*           # countStatusItem
  | STRATIFY BY stratifier                                # stratifyItem
  | BASED ON STRING                                       # basedOnItem
  | TEST STRING LBRACE testItem* RBRACE                   # testItem_
  // `attribute to pharmacy of pharmacy with Statins during MP`: results go
  // to the pharmacy that dispensed most of the query's fills.
  | ATTRIBUTE TO ident OF query                           # attributeItem
  // `unit each pharmacy as fill during MP`: each event is one unit (a fill),
  // not each member; the numerator reads the bound event.
  | UNIT EACH query                                       # unitItem
  // `earned on first date of supplemental with NurseAdviceCall during MP`:
  // the date a member earned a reward (`kind reward`).
  | EARNED ON expr                                        # earnedOnItem
  ;

// `stratify by ethnicity`, `stratify by sex`, `stratify by age band 3..11, 12..21`;
// the name is checked by sema for a helpful message.
stratifier : (SEX | AGE ident? | ident) (ageBand (COMMA ageBand)*)? ;
ageBand : INT RANGE INT ;

// `earned when`: a reward's numerator (who earns it).
ruleKeyword : POPULATION | ELIGIBLE | EXCLUDE | EXCEPTION | NUMERATOR | EARNED WHEN ;

// A status as written in the data: `final`, `in-progress`, `entered-in-error`.
statusName : statusWord (MINUS statusWord)* | STRING ;
statusWord : ident | IN | NOT | ON ;

params : LPAREN (param (COMMA param)*)? RPAREN ;
// `date` is a keyword (the `date(y, m, d)` call), so it is named apart.
param : ident COLON paramType ;
paramType : ident | DATE_KW ;

programItem
  : SOURCE STRING                                         # programSource
  | PERIOD INT                                            # programPeriod
  | includeDecl                                           # programInclude
  // `domain "Care Coordination - Access" points 18 { include ... }`;
  // `points 40 varies`: the domain's points are shared equally among the
  // measures a provider qualifies for. `points 18 as printed`: the figure is
  // the document's even where its measures' points sum to another (check
  // notes the difference instead of warning).
  | DOMAIN STRING POINTS (INT | NUMBER) VARIES? (AS PRINTED)? LBRACE includeDecl* RBRACE # programDomain
  // Scored and reported, never paid.
  | EXPLORATORY LBRACE includeDecl* RBRACE                # programExploratory
  // `parameter point_value = 100 dollars assumption "not printed in the seed"`
  // or `... source "where the figure is printed"`.
  | PARAMETER ident EQ (INT | NUMBER) ident? (SOURCE | ASSUMPTION) STRING # programParameter
  // `gate registry_participation: provider has immunization from registry on
  // or before 2022-07-01`: a provider with no such event of its own (the
  // event's provider_id) earns no dollars.
  | GATE ident COLON PROVIDER HAS ident FROM ident ON OR BEFORE DATE # programGate
  // `improvement "Performance Improvement" points 10 over "Quality of Care",
  // "Care Coordination - Access" by 5%`: a domain whose points are shared
  // among the measures of the named domains a provider qualifies for; each
  // earns its share when its rate meets its `goal`, or is at least 5%
  // better (relative) than the provider's rate of the prior year (`run
  // --prior`).
  | IMPROVEMENT STRING POINTS (INT | NUMBER) OVER STRING (COMMA STRING)* BY (INT | NUMBER) PERCENT # programImprovement
  // `rewards { include "rewards/nal.measure" }`: member rewards, paid to
  // members (rewards/<REWARD>.csv), never to providers.
  | REWARDS LBRACE includeDecl* RBRACE                    # programRewards
  // `fee for service PCMH "PCMH Recognition" pays 2500 dollars when provider
  // has pcmh_recognized or tjc_certified`: a one-time payment in the year
  // the plan received one of the providers.csv attributes. The figure may
  // name a parameter in dollars (`pays pcmh_fee dollars`).
  | FEE FOR SERVICE ID STRING PAYS (MINUS? (INT | NUMBER) | amount=ident) currency=ident?
    WHEN PROVIDER HAS attributes+=ident (OR attributes+=ident)* # programFeeForService
  ;
// `include "fva.measure" minimum 5 points 2`
includeDecl
  : INCLUDE STRING includeMinimum? includePoints? includeTiers? includeStars? includePayment? includeGoal? includeReplaces? ;
includeMinimum : MINIMUM INT ;
// A figure may name a program parameter instead (`points pcr_points`,
// `payment at pdc_sta_target`): its value, or the `run --set` override.
includePoints : POINTS (INT | NUMBER | ident) ;
// `stars 80.4, 85.4, 90.3, 94.3`: the thresholds of stars 2..5, rates in
// percent as printed (lower bounds; upper bounds, decreasing, for an inverse
// measure). `payment at 90.3`: the rate that earns the measure's payment.
includeStars : STARS starFigure (COMMA starFigure)* ;
includePayment : PAYMENT AT starFigure ;
starFigure : INT | NUMBER | ident ;
// `replaces AMM`: the measure takes the place of a former year's measure
// (`measurec diff` names the replacement).
includeReplaces : REPLACES ID ;
// `tiers 0.50 -> 50%, 0.60 -> 100%`: a benchmark table; a provider whose rate
// reaches a tier's rate (as in provider_results.csv) earns that share of the
// measure's points.
includeTiers : TIERS tier (COMMA tier)* ;
tier : starFigure ARROW starFigure PERCENT ;
// `goal 0.65`: the plan goal of performance improvement, a rate as in
// provider_results.csv (at or below it for a lower-is-better measure).
includeGoal : GOAL starFigure ;

// --- code sets ----------------------------------------------------------------
codesetExpr : codesetTerm ((PLUS | MINUS) codesetTerm)* ;
codesetTerm
  : CODES_OPEN (codeItem (C_COMMA codeItem)*)? C_COMMA? C_CLOSE   # codeList
  | ident                                                       # codesetRef
  | LPAREN codesetExpr RPAREN                                   # codesetParen
  | FILE_KW STRING                                              # codesetFile
  ;
codeItem : codeEnd (C_RANGE codeEnd)? ;
codeEnd : C_CODE | C_FAMILY ;   // a family as a range end is refused by sema

// --- expressions ------------------------------------------------------------
expr
  : NOT expr                                              # notExpr
  | expr op=(STAR | SLASH) expr                           # mulExpr
  | expr op=(PLUS | MINUS) expr                           # addExpr
  | expr IN expr RANGE expr                               # inRangeExpr
  | expr IS NOT? MISSING                                  # missingExpr
  | expr op=(EQ | NE | LT | LE | GT | GE) expr            # compareExpr
  | expr AND expr                                         # andExpr
  | expr OR expr                                          # orExpr
  | term                                                  # termExpr
  ;

term
  : AGE (IN MONTHS)? AT postfix                           # ageTerm
  | ENROLLED CONTINUOUSLY OVER postfix
      (ALLOWING INT (GAP | GAPS) OF INT DAYS
       (IN EACH INT MONTHS)?)?                           # enrolledOverTerm
  | ENROLLED ON postfix                                   # enrolledOnTerm
  | EXISTS query                                          # existsTerm
  | COUNT (DISTINCT DATES OF?)? query                     # countTerm
  | (LATEST | FIRST) (VALUE | DATE_KW) OF query            # pickTerm
  // the latest end of the events (CQL `effective.latest()`, docs/language.md)
  | LATEST END_KW OF query                                # latestEndTerm
  // the latest start with its time of day (CQL `sort by start of ...` then Last)
  | LATEST TIME_KW OF query                               # latestTimeTerm
  // the lowest / highest value of the events that have one (a quantity)
  | (LOWEST | HIGHEST) VALUE OF query                     # extremeTerm
  | SUM field=ident OF query                              # sumTerm
  // `2nd date of`: the n-th distinct date
  | ORDINAL DATE_KW OF query                              # nthDateTerm
  | COUNT DISTINCT DATES AT LEAST INT DAYS APART OF query # spacedDatesTerm
  // proportion of days covered, PQA method (docs/language.md)
  | PDC OF query                                          # pdcTerm
  | ENROLLMENT START DURING postfix                       # enrollmentStartTerm
  | ENROLLED DAYS DURING postfix                          # enrolledDaysTerm
  | MEMBER (YEARS | MONTHS) DURING postfix                # memberTimeTerm
  | MINUS term                                            # negTerm
  | postfix                                               # postfixTerm
  ;

postfix : primary (DOT member=memberName)* ;
memberName : ident | DATE_KW ;   // `stay.date`: a bound event's date

primary
  : INT unit                                              # durationLit
  // `9 '%'`, `140 'mm[Hg]'`: a number with a UCUM unit
  | (INT | NUMBER) UNIT_TEXT                              # quantityLit
  | INT                                                   # intLit
  | NUMBER                                                # numberLit
  | DATE                                                  # dateLit
  | (TRUE | FALSE)                                        # boolLit
  | (DATE_KW | ident) LPAREN (expr (COMMA expr)*)? RPAREN # callExpr
  | SEX                                                   # sexRef
  | ident                                                 # nameRef
  | LBRACK expr COMMA expr RBRACK                         # intervalLit
  | LPAREN expr RPAREN                                    # parenExpr
  ;

unit : DAY | DAYS | MONTH | MONTHS | YEAR | YEARS ;

// --- event queries ----------------------------------------------------------
// `as NAME` binds each event of the query to NAME for its `where` filters
// and the queries nested in them.
query : eventKind (AS alias=ident)? filter* ;
eventKind : ident ;   // visit, observation, ... checked by sema for a helpful message
filter
  // `with principal Asthma`, `with value Yes`: a coded field of the event
  // other than its codes (support/CodeSlots.h); `with any value`: the
  // event has one.
  : WITH ANY slotName                                     # anySlotFilter
  | WITH slotName codesetTerm                             # slotFilter
  | WITH codesetTerm                                      # withFilter
  | DURING postfix                                        # duringFilter
  | ON OR BEFORE postfix                                  # onOrBeforeFilter
  | ON OR AFTER postfix                                   # onOrAfterFilter
  | BEFORE postfix                                        # beforeFilter
  | AFTER postfix                                         # afterFilter
  | IN SETTING ident (OR ident)*                          # settingFilter
  | BY PCP                                                # byPcpFilter
  | WHERE VALUE op=(EQ | NE | LT | LE | GT | GE) term     # valueFilter
  | BY PROVIDER postfix                                   # byProviderFilter
  | WHERE expr                                            # whereFilter
  ;

// The coded fields of support/CodeSlots.h, as keywords: a misspelt code set
// name followed by a misspelt keyword (`with Mamography numerater`) stays
// a syntax error at the keyword.
slotName : PRINCIPAL | VALUE | DISCHARGE | SITE | REASON | CATEGORY | INTENT ;

// --- test blocks ------------------------------------------------------------
testItem
  : MEMBER memberAttr*                                    # testMember
  | PERIOD INT                                            # testPeriod
  | eventKind eventSpan QCODE* eventAttr*                 # testEvent
  | EXPECT outcome (COMMA outcome)*                       # testExpect
  ;
memberAttr
  : SEX ident                                             # memberSex
  | BORN DATE                                             # memberBorn
  | DIED DATE                                             # memberDied
  | ENROLLED enrolledSpan (COMMA enrolledSpan)*           # memberEnrolled
  | PCP providerRef                                       # memberPcp
  ;
// `2021-01-01..2022-05-31 pcp P1`: a span with its own linked PCP.
enrolledSpan : dateSpan (PCP providerRef)? ;
dateSpan : DATE (RANGE DATE?)? ;
// An event's day or span, each end with an optional time of day.
eventSpan : eventTime (RANGE eventTime?)? ;
eventTime : DATE | DATETIME ;
eventAttr
  : SETTING ident                                         # eventSetting
  | PROVIDER providerRef                                  # eventProvider
  | STATUS (ident | STRING)                                # eventStatus
  | VALUE MINUS? (INT | NUMBER) UNIT_TEXT?                # eventValue
  // `value SNOMEDCT:373066001`: a coded field (support/CodeSlots.h);
  // `value "positive"`: a value that is text.
  | slot=ident QCODE+                                     # eventSlotCode
  | VALUE STRING                                          # eventValueText
  | ident (MINUS? (INT | NUMBER) | ident)                  # eventOther
  ;
providerRef : ident | STRING ;
// `numerator 1.5`, `exposure 0.75`: a rate measure's weighted count and
// member years.
// `earned`, `not earned`, `earned on 2022-03-04` (rewards).
outcome
  : NOT? EARNED (ON DATE)?
  | NOT? (POPULATION | ELIGIBLE | EXCLUDE | ident | NUMERATOR) (INT | NUMBER)?
  ;

// Keywords that read as ordinary words are allowed as names where a name is
// expected.
ident
  : ID | SOURCE | KIND | PERIOD | VALUE | STATUS | PROVIDER | SETTING | COUNT | FIRST
  | LATEST | LOWEST | HIGHEST | DATES | MINIMUM | BORN | DIED | FILE_KW | DISTINCT | DAY | MONTH | YEAR
  | DAYS | MONTHS | YEARS | EACH | PRINCIPAL | REASON | SUM | LEAST | APART | ENROLLMENT | START
  | EXPOSURE | AS | ATTRIBUTE | TO | UNIT | PDC | DOMAIN | POINTS | VARIES | EXPLORATORY
  | PARAMETER | ASSUMPTION | PRINTED | STARS | PAYMENT | TIERS | GATE | HAS | FROM
  | IMPROVEMENT | GOAL | EARNED | WHEN | REWARDS
  | FEE | FOR | SERVICE | PAYS | REPLACES
  | ANY | DISCHARGE | SITE
  | EXCEPTION
  | CATEGORY
  | INTENT
  | END_KW
  | TIME_KW
  ;
