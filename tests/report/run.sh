#!/usr/bin/env bash
# report.html in headless Chromium (issue 13): a program run on the sample
# population writes report.html; Chromium renders it with its scripts, and
# the rendered page must (a) have run its script to the end without an
# error (the page's window.onerror writes into #script-errors, which must be
# empty, and its script marks body[data-ready="1"] last), (b) show the
# totals that awk computes from the run's own scorecard.csv, the star
# spread of the pharmacy program, and a hostile provider name as text.
# A page with a broken script must be caught by the same checks.
#
#   tests/report/run.sh MEASUREC_BINARY     (from the source root; ctest report_html)
set -u
bin=$1
cd "$(dirname "$0")/../.."
failures=0
fail() { echo "FAIL: $*"; failures=$((failures + 1)); }
pass() { echo "ok:   $*"; }

browser=$(command -v chromium || true)
if [ -z "$browser" ]; then
  echo "FAIL: chromium is not installed; the report.html test renders the page in headless" \
       "Chromium: run tools/install-deps.sh (it installs the Debian package chromium)"
  exit 1
fi

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# The page as Chromium leaves it after its scripts ran. A profile of its own,
# so that two runs at once do not share one.
render() {
  timeout 60 "$browser" --headless --no-sandbox --disable-gpu --no-first-run \
    --user-data-dir="$work/profile" --dump-dom "file://$1" 2>"$work/chromium.err"
}

# Grouped like the page: 12,345.50 (decimals 2) or 1,000 (decimals 0).
awk_group='function group(x, d,   s, i, n, out, neg) {
  neg = x < 0; if (neg) x = -x
  s = sprintf("%." d "f", x); n = index(s, "."); if (n == 0) n = length(s) + 1
  out = substr(s, n)
  for (i = n - 1; i >= 1; i--) { out = substr(s, i, 1) out; if ((n - i) % 3 == 0 && i > 1) out = "," out }
  return (neg ? "-" : "") out }'

# The sample population with one provider renamed to something a page must
# show as text (markup that would run, and an ampersand), and one that fails
# the gate.
cp -r measures/2022/sample-data "$work/data"
hostile="<script>document.body.setAttribute('data-injected','1')</script> & Sons"
awk -F, -v OFS=, -v name="$hostile" 'NR > 1 && $1 == "PCP0001" { $3 = "\"" name "\"" } { print }' \
  measures/2022/sample-data/providers.csv > "$work/data/providers.csv"

# PCP0002 enters nothing into the registry: the program's gate pays it $0.
awk -F, 'NR == 1 { for (i = 1; i <= NF; i++) c[$i] = i }
  NR == 1 || !($c["provider_id"] == "PCP0002" && $c["source"] == "registry")' \
  measures/2022/sample-data/immunizations.csv > "$work/data/immunizations.csv"

# 1. A program with every scoring rule the page shows (tests/report/
#    program.measure): totals, escaping, no network.
if ! "$bin" run --program tests/report/program.measure --data "$work/data" --out "$work/prog" \
     > "$work/prog.log" 2>&1; then
  fail "the program run failed: $(tail -3 "$work/prog.log")"
  exit 1
fi
page=$work/prog/report.html
[ -s "$page" ] && pass "a program run writes report.html" || fail "no report.html in $work/prog"
if grep -Eiq 'http|(src|href) *=|url\(|@import' "$page"; then
  fail "report.html refers to something outside itself: $(grep -Eio '.{20}(http|src *=|href *=|url\(|@import).{20}' "$page" | head -3)"
else pass "report.html is self-contained (no URL, src, href, url() or @import)"; fi

dom=$work/prog.dom
if render "$page" > "$dom" && [ -s "$dom" ]; then
  if grep -q '<div id="script-errors"></div>' "$dom"; then pass "no script error"
  else fail "script errors: $(grep -o '<div id="script-errors">[^<]*' "$dom")"; fi
  grep -q '<body data-ready="1"' "$dom" && pass "the page's script ran to its end" \
    || fail "body[data-ready] not set: the script did not finish"
  grep -q 'data-injected="1"' "$dom" && fail "a provider name ran as a script" \
    || pass "the hostile provider name did not run"
  grep -q "&lt;script&gt;document.body.setAttribute('data-injected','1')&lt;/script&gt; &amp; Sons" "$dom" \
    && pass "the hostile provider name shows as text" || fail "the hostile provider name is not shown as text"
  grep -qF '<h1>Report &lt;b&gt;test&lt;/b&gt; &amp; more</h1>' "$dom" \
    && pass "the program title shows as text" || fail "the program title is not shown as text"
  # The expected totals, from scorecard.csv: the program total lines of the
  # linked providers (empty domain and measure).
  expected=$(awk -F, "$awk_group"'
    NR == 1 { for (i = 1; i <= NF; i++) c[$i] = i; next }
    $c["provider_id"] == "UNLINKED" || $c["domain"] != "" || $c["measure"] != "" { next }
    { n++; e += $c["points_earned"]; p += $c["points_possible"]; d += $c["payment"]
      if ($c["points_earned"] > 0) earning++; else if ($c["points_earned"] != "") none++ }
    END { printf "total-providers %s\ntotal-earning %s\ntotal-not-earning %s\n", group(n, 0), group(earning, 0), group(none, 0)
          printf "total-points-earned %s\ntotal-points-possible %s\ntotal-payment $%s\n", group(e, 2), group(p, 2), group(d, 2) }' \
    "$work/prog/scorecard.csv")
  while read -r id value; do
    if grep -qF "id=\"$id\">$value<" "$dom"; then pass "$id shows $value (scorecard.csv)"
    else fail "$id: expected $value (scorecard.csv), the page has: $(grep -o "id=\"$id\">[^<]*" "$dom")"; fi
  done <<< "$expected"
  members=$(awk "$awk_group"'END { print group(NR - 1, 0) }' "$work/data/members.csv")
  grep -qF "id=\"run-members\">$members<" "$dom" && pass "the header shows $members members" \
    || fail "the header does not show $members members"
  gaps=$(awk 'END { printf "%d", NR - 1 }' "$work/prog/gaps.csv")
  grep -qF "id=\"gaps-total\">$(awk "$awk_group"' BEGIN { print group('"$gaps"', 0) }')<" "$dom" \
    && pass "the gap count matches gaps.csv ($gaps)" || fail "the gap count is not gaps.csv's $gaps"
else
  fail "chromium could not render $page: $(tail -3 "$work/chromium.err")"
fi

# 2. The same checks catch a broken page: a script that throws leaves its
#    error in #script-errors.
sed 's|</body>|<script>noSuchFunction();</script></body>|' "$page" > "$work/broken.html"
if render "$work/broken.html" > "$work/broken.dom" && [ -s "$work/broken.dom" ]; then
  grep -q '<div id="script-errors">[^<]*noSuchFunction' "$work/broken.dom" \
    && pass "a script error shows in #script-errors" \
    || fail "a throwing script left #script-errors empty: the check would miss errors"
else fail "chromium could not render the broken page"; fi

# 3. The pharmacy program: the star spread of each starred measure matches
#    scorecard.csv (linked pharmacies' measure lines by stars).
if "$bin" run --program measures/2016/pharmacy-p4p --period 2022 --data "$work/data" \
     --out "$work/pharm" > "$work/pharm.log" 2>&1 && render "$work/pharm/report.html" > "$work/pharm.dom" \
     && [ -s "$work/pharm.dom" ]; then
  grep -q '<div id="script-errors"></div>' "$work/pharm.dom" && grep -q '<body data-ready="1"' "$work/pharm.dom" \
    && pass "pharmacy report: no script error" || fail "pharmacy report: script errors or not ready"
  spread=$(awk -F, 'NR == 1 { for (i = 1; i <= NF; i++) c[$i] = i; next }
    $c["provider_id"] == "UNLINKED" || $c["measure"] == "" || $c["stars"] == "" { next }
    { n[$c["measure"] " " $c["stars"]]++; m[$c["measure"]] = 1 }
    END { for (x in m) for (s = 1; s <= 5; s++) print x, s, n[x " " s] + 0 }' "$work/pharm/scorecard.csv" | sort)
  [ -n "$spread" ] || fail "pharmacy scorecard.csv has no stars"
  checked=0
  while read -r measure level count; do
    [ -n "$measure" ] || continue
    stars=$(printf '\xe2\x98\x85%.0s' $(seq "$level"))
    if grep -q "id=\"stars-$measure\"" "$work/pharm.dom" \
       && awk -v m="$measure" 'index($0, "id=\"stars-" m "\"") { on = 1 } on { print } on && /<\/table>/ { exit }' \
            "$work/pharm.dom" | grep -qF "<tr><td>$stars</td><td class=\"num\">$count</td>"; then
      checked=$((checked + 1))
    else fail "pharmacy report: $measure, $level star(s): expected $count pharmacies (scorecard.csv)"; fi
  done <<< "$spread"
  [ "$checked" -gt 0 ] && pass "pharmacy report: star spread of $((checked / 5)) measure(s) matches scorecard.csv"
  # The overall stars, Provider of the Year and Pharmacy Home counts match
  # pharmacy_ranking.csv and pharmacy_home.csv.
  overall=$(awk 'index($0, "id=\"overall-stars\"") { on = 1 } on { print } on && /<\/table>/ { exit }' "$work/pharm.dom")
  for level in 1 2 3 4 5; do
    count=$(awk -F, -v s="$level" 'NR > 1 && $5 == s { n++ } END { print n + 0 }' "$work/pharm/pharmacy_ranking.csv")
    stars=$(printf '\xe2\x98\x85%.0s' $(seq "$level"))
    grep -qF "<tr><td>$stars</td><td class=\"num\">$count</td>" <<< "$overall" \
      || fail "pharmacy report: $level overall star(s): expected $count pharmacies (pharmacy_ranking.csv)"
  done
  named=$(awk -F, 'NR > 1 && $7 == 1 { n++ } END { print n + 0 }' "$work/pharm/pharmacy_ranking.csv")
  home=$(awk 'END { print NR - 1 }' "$work/pharm/pharmacy_home.csv")
  grep -qF "Pharmacy Provider of the Year ($named)" "$work/pharm.dom" \
    && grep -qF "Pharmacy Home: 4 and 5 stars ($home)" "$work/pharm.dom" \
    && pass "pharmacy report: overall stars, $named Provider(s) of the Year and $home in Pharmacy Home as in the CSV files" \
    || fail "pharmacy report: Provider of the Year ($named) or Pharmacy Home ($home) not shown"
else fail "pharmacy run or render failed: $(tail -3 "$work/pharm.log") $(tail -2 "$work/chromium.err")"; fi

# 4. An interim run (--as-of): the page counts the lines within 3 members
#    of their next level as interim.csv has them.
if "$bin" run --program tests/report/program.measure --data "$work/data" --out "$work/interim" \
     --as-of 2022-06-30 > "$work/interim.log" 2>&1 && render "$work/interim/report.html" > "$work/interim.dom" \
     && [ -s "$work/interim.dom" ]; then
  reach=$(awk -F, 'NR == 1 { for (i = 1; i <= NF; i++) c[$i] = i; next }
    $c["next_level"] != "" && $c["members_needed"] != "" && $c["members_needed"] <= 3 { n++ }
    END { print n + 0 }' "$work/interim/interim.csv")
  grep -qF "<span id=\"interim-reach\">$reach</span>" "$work/interim.dom" \
    && grep -q '<div id="script-errors"></div>' "$work/interim.dom" \
    && pass "interim report: $reach line(s) within reach, as in interim.csv" \
    || fail "interim report: expected $reach line(s) within reach: $(grep -o 'id="interim-reach">[^<]*' "$work/interim.dom")"
else fail "interim run or render failed: $(tail -3 "$work/interim.log")"; fi

echo
if [ "$failures" -ne 0 ]; then
  echo "$failures failure(s)"
  exit 1
fi
echo "all passed"
