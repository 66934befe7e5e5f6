// report.html: the page around the sections (ReportSections.h), its style,
// its one script and the run header.
#include "output/HtmlReport.h"

#include <fmt/format.h>

#include "output/HtmlText.h"
#include "output/ReportSections.h"
#include "score/Attribution.h"

namespace mc::output {
namespace report {

std::string providerLabel(const store::MemberStore& store, store::ProviderId provider) {
  std::string label = escapeHtml(score::providerIdText(store.providers, provider));
  if (provider != store::kNoProvider && provider < store.providers.name.size() &&
      !store.providers.name[provider].empty())
    label += " <span class=\"name\">" + escapeHtml(store.providers.name[provider]) + "</span>";
  return label;
}

std::string rateText(const ir::Measure& measure, const std::optional<double>& rate) {
  if (!rate) return "-";
  if (ir::isRate(measure.kind))
    return fmt::format("{} per {} member years", formatGrouped(*rate, 1),
                       formatGrouped(static_cast<double>(measure.ratePer), 0));
  return formatGrouped(*rate * 100, 1) + "%";
}

}  // namespace report

namespace {

// Plain and printable; the charts' colours say which figure a line is.
constexpr const char* kStyle = R"(
body{font:14px/1.45 system-ui,sans-serif;margin:0 auto;max-width:1100px;padding:0 16px 40px;color:#1b1f24}
h1{font-size:24px;margin:20px 0 4px}h2{font-size:19px;margin:28px 0 8px;border-bottom:1px solid #ccd}
h3{font-size:15px;margin:18px 0 4px}.muted,.name{color:#5a6270}.note{color:#5a6270;font-size:13px}
table{border-collapse:collapse;margin:6px 0}th,td{padding:2px 8px;border-bottom:1px solid #e3e6ea;text-align:left;vertical-align:top}
td.num,th.num{text-align:right;font-variant-numeric:tabular-nums}
.figures{display:flex;flex-wrap:wrap;gap:10px;margin:8px 0}
.figure{border:1px solid #d6dae0;border-radius:6px;padding:6px 12px;min-width:130px}
.figure .value{font-size:20px;font-weight:600}.figure .label{color:#5a6270;font-size:12px}
.chart{width:100%;max-width:640px;height:auto;display:block}
.chart .bar{fill:#7d9fc7}.chart .axis{stroke:#555}.chart .tick{font-size:11px;fill:#444}
.chart g line{stroke-width:1.5;stroke-dasharray:4 3}
.chart g text{font-size:11px;paint-order:stroke;stroke:#fff;stroke-width:3px}
.mark-tier line{stroke:#2f7d32}.mark-tier text{fill:#2f7d32}
.mark-star line{stroke:#b7791f}.mark-star text{fill:#8a5a0f}
.mark-payment line{stroke:#c0392b}.mark-payment text{fill:#c0392b}
.mark-plan line{stroke:#222;stroke-dasharray:none}.mark-plan text{fill:#222}
.stars td.bar span{display:inline-block;height:10px;background:#e0b050}
details.provider{border-bottom:1px solid #e3e6ea;padding:3px 0}details.provider summary{cursor:pointer}
.wide{overflow-x:auto}#script-errors:empty{display:none}#script-errors{color:#a00;border:1px solid #a00;padding:6px}
)";

// The page's one script: a filter over the provider scorecards. Errors of
// any script land in #script-errors (the headless test requires it empty)
// and body[data-ready] says the script ran to its end.
constexpr const char* kErrorHook = R"(<script>
window.onerror=function(message,source,line){var e=document.getElementById('script-errors');
if(e){e.textContent+=message+' (line '+line+')\n';}return false;};
</script>)";

constexpr const char* kScript = R"(<script>
(function(){
  var input=document.getElementById('provider-filter');
  var cards=document.querySelectorAll('details.provider');
  var shown=document.getElementById('provider-shown');
  function apply(){
    var q=input.value.trim().toLowerCase(),n=0;
    for(var i=0;i<cards.length;i++){
      var hit=q===''||cards[i].getAttribute('data-key').indexOf(q)>=0;
      cards[i].hidden=!hit;if(hit)n++;
    }
    shown.textContent=n+' of '+cards.length+' shown';
  }
  function openAll(open){for(var i=0;i<cards.length;i++)if(!cards[i].hidden)cards[i].open=open;}
  if(input){
    input.addEventListener('input',apply);
    document.getElementById('expand-all').addEventListener('click',function(){openAll(true);});
    document.getElementById('collapse-all').addEventListener('click',function(){openAll(false);});
    apply();
  }
  document.body.setAttribute('data-ready','1');
})();
</script>)";

void runHeader(const HtmlReportInput& in, std::string& out) {
  const RunReport& run = *in.run;
  const std::string heading = !in.programTitle.empty() ? in.programTitle
                              : !run.program.empty()   ? run.program
                                                       : std::string("Measure run");
  out += fmt::format("<h1>{}</h1>\n", escapeHtml(heading));
  out += "<table class=\"header\">\n";
  auto row = [&](const char* label, const std::string& value) {
    out += fmt::format("<tr><th>{}</th><td>{}</td></tr>\n", label, value);
  };
  row("program",
      run.program.empty() ? std::string("none (measure files)") : escapeHtml(run.program));
  row("period", escapeHtml(run.periodStart + " to " + run.periodEnd));
  row("as of", run.asOf.empty() ? std::string("the whole period") : escapeHtml(run.asOf));
  row("members",
      "<span id=\"run-members\">" + formatGrouped(static_cast<double>(run.members), 0) + "</span>");
  std::string measures;
  for (const std::string& id : run.measures) measures += (measures.empty() ? "" : ", ") + id;
  row("measures", fmt::format("{}: {}", run.measures.size(), escapeHtml(measures)));
  if (!run.parameters.empty()) {
    // Which figures are placeholders, and which the command line changed:
    // the dollars below depend on both.
    size_t assumptions = 0;
    std::string set;
    for (const ParameterValue& p : run.parameters) {
      if (p.assumption) ++assumptions;
      if (p.set) set += fmt::format("{}{} = {}", set.empty() ? "" : ", ", p.name, p.value);
    }
    row("parameters",
        "<span id=\"run-parameters\">" +
            escapeHtml(fmt::format("{}, {} of them assumptions (not printed in the program's "
                                   "sources; measurec check lists them); set on the command "
                                   "line: {}",
                                   run.parameters.size(), assumptions,
                                   set.empty() ? std::string("none") : set)) +
            "</span>");
  }
  row("engine", escapeHtml(fmt::format("{}, {} thread(s), measurec {}", run.engine, run.threads,
                                       run.version)));
  row("timings", fmt::format("load {:.3f} s, compile {:.3f} s, score {:.3f} s, write {:.3f} s "
                             "(the result files; run.json has the whole write)",
                             run.load, run.compile, run.score, run.write));
  out += "</table>\n";
  out +=
      "<p class=\"note\">Every figure here comes from the CSV files beside this page "
      "(member_results.csv, provider_results.csv, gaps.csv";
  if (in.scorecard != nullptr) out += ", scorecard.csv";
  out += "); long lists are cut short and say where the rest is.</p>\n";
}

}  // namespace

std::string htmlReportSections(const HtmlReportInput& in, const HtmlReportLimits& limits) {
  std::string out;
  out.reserve(1 << 16);
  const bool program = in.scoring != nullptr && in.scorecard != nullptr;
  if (program) report::programTotals(in, out);
  report::measureCharts(in, out);
  report::pharmacyRanking(in, out);
  report::interimReach(in, limits, out);
  if (program) report::providerScorecards(in, limits, out);
  report::memberRewards(in, out);
  report::careGapLists(in, limits, out);
  report::strataTable(in, out);
  return out;
}

std::string htmlReportPage(const HtmlReportInput& in, std::string_view sections) {
  std::string out;
  out.reserve(sections.size() + (1 << 14));
  const std::string title =
      in.run->program.empty() ? "measurec report" : "measurec report: " + in.run->program;
  out += "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n";
  out += "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n";
  out += fmt::format("<title>{}</title>\n<style>{}</style>\n</head>\n<body>\n", escapeHtml(title),
                     kStyle);
  out += "<div id=\"script-errors\"></div>\n";
  out += kErrorHook;
  out += "\n";
  runHeader(in, out);
  out += sections;
  out += kScript;
  out += "\n</body>\n</html>\n";
  return out;
}

std::string htmlReport(const HtmlReportInput& in, const HtmlReportLimits& limits) {
  return htmlReportPage(in, htmlReportSections(in, limits));
}

std::optional<OutputError> writeHtmlReportFile(const ResultsDirectory& dir,
                                               const HtmlReportInput& input,
                                               std::string_view sections) {
  return dir.writeFile("report.html", htmlReportPage(input, sections));
}

}  // namespace mc::output
