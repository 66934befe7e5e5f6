// Lowering of checked measures to the IR: rule terms, shared definitions,
// durations, code sets, inlined calls, imports.
#include <fmt/format.h>

#include <algorithm>
#include <catch2/catch.hpp>
#include <functional>
#include <optional>
#include <set>
#include <stdexcept>

#include "CompilerTestUtil.h"
#include "ir/Ir.h"
#include "ir/Lower.h"
#include "ir/Operands.h"
#include "ir/Verify.h"

using namespace mc;
using mc::testing::codesOf;
using mc::testing::compile;
using mc::testing::lowerOne;
using mc::testing::measure;

namespace {

// The filters of `q` of one kind, in order.
std::vector<ir::Filter> filtersOf(const ir::Query& q, ir::FilterKind kind) {
  std::vector<ir::Filter> out;
  for (const ir::Filter& f : q.filters)
    if (f.kind == kind) out.push_back(f);
  return out;
}

// The setting mask of `q` (0: any setting).
std::uint32_t settingsOf(const ir::Query& q) {
  const auto f = filtersOf(q, ir::FilterKind::Setting);
  return f.empty() ? 0u : f[0].settings;
}

// Every node a term depends on, the term included.
std::set<ir::NodeId> reachable(const ir::Measure& m, ir::NodeId root) {
  std::set<ir::NodeId> seen;
  std::function<void(ir::NodeId)> visit = [&](ir::NodeId id) {
    if (id == ir::kNoNode || !seen.insert(id).second) return;
    ir::forEachOperand(m, id, visit);
  };
  visit(root);
  return seen;
}

// The value of a constant integer expression of the IR, if it is one.
std::optional<std::int64_t> constInt(const ir::Measure& m, ir::NodeId id) {
  const ir::Node& n = m.nodes.at(static_cast<size_t>(id));
  switch (n.op) {
    case ir::Op::ConstInt: return n.imm;
    case ir::Op::Neg: {
      const auto a = constInt(m, n.a);
      return a ? std::optional<std::int64_t>(-*a) : std::nullopt;
    }
    case ir::Op::Mul:
    case ir::Op::Add:
    case ir::Op::Sub: {
      const auto a = constInt(m, n.a);
      const auto b = constInt(m, n.b);
      if (!a || !b) return std::nullopt;
      return n.op == ir::Op::Mul ? *a * *b : n.op == ir::Op::Add ? *a + *b : *a - *b;
    }
    default: return std::nullopt;
  }
}

const ir::CodeSet* findCodeset(const ir::Measure& m, const std::string& name) {
  for (const ir::CodeSet& c : m.codesets)
    if (c.name == name) return &c;
  return nullptr;
}

const char* const kBody =
    "  kind inverse\n"
    "  codeset Mammography = CPT{77061..77067}\n"
    "  codeset Mastectomy = ICD10CM{Z90.13}\n"
    "  define lookback = [date(MP.start.year - 2, 10, 1), MP.end]\n"
    "  define screened = exists visit with Mammography during lookback\n"
    "  population sex = F\n"
    "             and age at MP.end in 50..74\n"
    "  eligible   enrolled continuously over MP allowing 1 gap of 45 days\n"
    "             and enrolled on MP.end\n"
    "  exclude    exists condition with Mastectomy on or before MP.end\n"
    "             or death_date is not missing\n"
    "             or exists visit with CPT{99377, 99378} during MP\n"
    "  numerator  screened and (screened or age at MP.end > 60)\n"
    "  gap        \"mammogram\"\n";

}  // namespace

TEST_CASE("a measure lowers with its header", "[lower]") {
  const ir::Measure m = lowerOne(measure(kBody));
  CHECK(m.id == "T");
  CHECK(m.title == "Test");
  CHECK(m.file == "t.measure");
  CHECK(m.kind == ir::MeasureKind::Inverse);
  CHECK(m.period == 2022);
  CHECK(m.gap == "mammogram");
  CHECK_FALSE(m.nodes.empty());
  const std::string text = ir::print(m);
  CHECK(text.rfind("measure T \"Test\" kind inverse period 2022\n", 0) == 0);
}

TEST_CASE("top-level and terms and or terms become separate rule terms", "[lower]") {
  const ir::Measure m = lowerOne(measure(kBody));

  const ir::Rule& pop = m.rule(ir::RuleKind::Population);
  CHECK(pop.kind == ir::RuleKind::Population);
  CHECK_FALSE(pop.any);
  REQUIRE(pop.terms.size() == 2);
  CHECK(pop.terms[0].label == "sex = F");
  CHECK(pop.terms[1].label == "age at MP.end in 50..74");

  const ir::Rule& elig = m.rule(ir::RuleKind::Eligible);
  CHECK_FALSE(elig.any);
  REQUIRE(elig.terms.size() == 2);
  // Labels are the source text on one line.
  CHECK(elig.terms[0].label == "enrolled continuously over MP allowing 1 gap of 45 days");
  CHECK(elig.terms[1].label == "enrolled on MP.end");

  const ir::Rule& excl = m.rule(ir::RuleKind::Exclude);
  CHECK(excl.any);
  REQUIRE(excl.terms.size() == 3);
  CHECK(excl.terms[0].label == "exists condition with Mastectomy on or before MP.end");
  CHECK(excl.terms[1].label == "death_date is not missing");
  CHECK(excl.terms[2].label == "exists visit with CPT{99377, 99378} during MP");

  const ir::Rule& num = m.rule(ir::RuleKind::Numerator);
  CHECK_FALSE(num.any);
  REQUIRE(num.terms.size() == 2);
  CHECK(num.terms[0].label == "screened");
  // A parenthesised 'or' is one term (labelled with the text inside the parentheses).
  CHECK(num.terms[1].label == "screened or age at MP.end > 60");
  CHECK(m.nodes.at(static_cast<size_t>(num.terms[1].node)).op == ir::Op::Or);

  for (const ir::Rule& r : m.rules) {
    for (const ir::Term& t : r.terms) {
      REQUIRE(t.node >= 0);
      REQUIRE(static_cast<size_t>(t.node) < m.nodes.size());
      CHECK(m.nodes[static_cast<size_t>(t.node)].type == ir::Type::Bool);
    }
  }
  CHECK(m.nodes.at(static_cast<size_t>(elig.terms[0].node)).op == ir::Op::Enrolled);
  CHECK(m.nodes.at(static_cast<size_t>(elig.terms[0].node)).imm == 1);
  CHECK(m.nodes.at(static_cast<size_t>(elig.terms[0].node)).imm2 == 45);
  CHECK(m.nodes.at(static_cast<size_t>(elig.terms[1].node)).op == ir::Op::EnrolledOn);
}

TEST_CASE("gaps in each 12 months lower to enrolled_each_12_months", "[lower]") {
  const ir::Measure m =
      lowerOne(measure("  population true\n"
                       "  numerator enrolled continuously over [date(2020, 10, 1), MP.end]\n"
                       "    allowing 1 gap of 45 days in each 12 months\n"
                       "    and enrolled continuously over MP allowing 2 gaps of 30 days\n"));
  const ir::Rule& num = m.rule(ir::RuleKind::Numerator);
  REQUIRE(num.terms.size() == 2);
  const ir::Node& yearly = m.nodes.at(static_cast<size_t>(num.terms[0].node));
  CHECK(yearly.op == ir::Op::EnrolledYearly);
  CHECK(yearly.imm == 1);
  CHECK(yearly.imm2 == 45);
  const ir::Node& whole = m.nodes.at(static_cast<size_t>(num.terms[1].node));
  CHECK(whole.op == ir::Op::Enrolled);
  CHECK(whole.imm == 2);
  CHECK(whole.imm2 == 30);
  const std::string text = ir::print(m);
  INFO(text);
  CHECK(text.find("bool enrolled_each_12_months %") != std::string::npos);
  CHECK(text.find("gaps<=1 days<=45") != std::string::npos);
  CHECK(ir::verify(m).empty());
}

TEST_CASE("absent rules lower to empty term lists", "[lower]") {
  const ir::Measure m =
      lowerOne(measure("  population age at MP.end >= 18\n  numerator enrolled on MP.end\n"));
  CHECK(m.rule(ir::RuleKind::Eligible).terms.empty());
  CHECK_FALSE(m.rule(ir::RuleKind::Eligible).any);
  CHECK(m.rule(ir::RuleKind::Exclude).terms.empty());
  CHECK(m.rule(ir::RuleKind::Exclude).any);
  CHECK(m.rule(ir::RuleKind::Population).terms.size() == 1);
  CHECK(m.kind == ir::MeasureKind::Proportion);
}

TEST_CASE("nodes come before their users", "[lower]") {
  const ir::Measure m = lowerOne(measure(kBody));
  for (size_t i = 0; i < m.nodes.size(); ++i) {
    const ir::Node& n = m.nodes[i];
    for (ir::NodeId operand : {n.a, n.b, n.c}) {
      if (operand != ir::kNoNode) CHECK(static_cast<size_t>(operand) < i);
    }
    if (n.op == ir::Op::Query) CHECK(static_cast<size_t>(n.imm) < m.queries.size());
  }
}

TEST_CASE("a definition used twice is one shared node", "[lower]") {
  const ir::Measure m = lowerOne(measure(kBody));
  const ir::Rule& num = m.rule(ir::RuleKind::Numerator);
  REQUIRE(num.terms.size() == 2);
  const ir::NodeId screened = num.terms[0].node;
  const ir::Node& orNode = m.nodes.at(static_cast<size_t>(num.terms[1].node));
  REQUIRE(orNode.op == ir::Op::Or);
  CHECK(orNode.a == screened);

  // One definition entry per parameterless definition, pointing at that node.
  const auto it = std::find_if(m.definitions.begin(), m.definitions.end(),
                               [](const ir::Definition& d) { return d.name == "screened"; });
  REQUIRE(it != m.definitions.end());
  CHECK(it->node == screened);
  CHECK(std::count_if(m.definitions.begin(), m.definitions.end(),
                      [](const ir::Definition& d) { return d.name == "screened"; }) == 1);

  // The query behind it exists once.
  CHECK(m.nodes.at(static_cast<size_t>(screened)).op == ir::Op::Query);
  const ir::Query& q =
      m.queries.at(static_cast<size_t>(m.nodes[static_cast<size_t>(screened)].imm));
  CHECK(q.kind == ir::EventKind::Visit);
  CHECK(q.aggregate == ir::Aggregate::Exists);
  const auto times = filtersOf(q, ir::FilterKind::Window);
  REQUIRE(times.size() == 2);
  CHECK(times[0].bound == ir::Bound::EndsOnOrAfter);
  CHECK(times[1].bound == ir::Bound::StartsOnOrBefore);

  // An interval definition records both ends.
  const auto lb = std::find_if(m.definitions.begin(), m.definitions.end(),
                               [](const ir::Definition& d) { return d.name == "lookback"; });
  REQUIRE(lb != m.definitions.end());
  CHECK(lb->node == times[0].node);
  CHECK(lb->end == times[1].node);
  CHECK(m.nodes.at(static_cast<size_t>(lb->node)).op == ir::Op::MakeDate);
  CHECK(m.nodes.at(static_cast<size_t>(lb->end)).op == ir::Op::PeriodEnd);
}

TEST_CASE("repeated sub-expressions are hash-consed", "[lower]") {
  const ir::Measure m =
      lowerOne(measure("  population age at MP.end >= 18 and age at MP.end <= 64\n"
                       "  numerator  age at MP.end > 20\n"));
  const auto count = std::count_if(m.nodes.begin(), m.nodes.end(),
                                   [](const ir::Node& n) { return n.op == ir::Op::AgeYears; });
  CHECK(count == 1);
  CHECK(std::count_if(m.nodes.begin(), m.nodes.end(),
                      [](const ir::Node& n) { return n.op == ir::Op::PeriodEnd; }) == 1);
}

TEST_CASE("MP.end - 2 years lowers to add_months by -24", "[lower]") {
  const ir::Measure m = lowerOne(
      measure("  define start = MP.end - 2 years\n"
              "  population birth_date < start\n"
              "  numerator enrolled on (start + 3 months) and enrolled on (start + 10 days)\n"));
  const std::string text = ir::print(m);
  INFO(text);
  CHECK(text.find("add_months") != std::string::npos);
  CHECK(text.find("add_days") != std::string::npos);

  const auto def = std::find_if(m.definitions.begin(), m.definitions.end(),
                                [](const ir::Definition& d) { return d.name == "start"; });
  REQUIRE(def != m.definitions.end());
  const ir::Node& n = m.nodes.at(static_cast<size_t>(def->node));
  REQUIRE(n.op == ir::Op::AddMonths);
  CHECK(n.type == ir::Type::Date);
  CHECK(m.nodes.at(static_cast<size_t>(n.a)).op == ir::Op::PeriodEnd);
  CHECK(constInt(m, n.b) == std::optional<std::int64_t>(-24));

  // start + 3 months: +3; start + 10 days: add_days +10.
  bool sawMonths = false, sawDays = false;
  for (const ir::Node& x : m.nodes) {
    if (x.op == ir::Op::AddMonths && x.a == def->node) {
      CHECK(constInt(m, x.b) == std::optional<std::int64_t>(3));
      sawMonths = true;
    }
    if (x.op == ir::Op::AddDays && x.a == def->node) {
      CHECK(constInt(m, x.b) == std::optional<std::int64_t>(10));
      sawDays = true;
    }
  }
  CHECK(sawMonths);
  CHECK(sawDays);
}

TEST_CASE("inline code lists and named code sets are lowered with normalised codes", "[lower]") {
  const ir::Measure m = lowerOne(measure(kBody));
  const std::string text = ir::print(m);
  INFO(text);

  const ir::CodeSet* mastectomy = findCodeset(m, "Mastectomy");
  REQUIRE(mastectomy != nullptr);
  REQUIRE(mastectomy->terms.size() == 1);
  CHECK(mastectomy->terms[0].system == CodeSystem::ICD10CM);
  CHECK(mastectomy->terms[0].ref == -1);
  CHECK_FALSE(mastectomy->terms[0].subtract);
  REQUIRE(mastectomy->terms[0].codes.size() == 1);
  CHECK(mastectomy->terms[0].codes[0].lo == "Z9013");
  CHECK(mastectomy->terms[0].codes[0].hi == "Z9013");

  const ir::CodeSet* mammo = findCodeset(m, "Mammography");
  REQUIRE(mammo != nullptr);
  REQUIRE(mammo->terms.size() == 1);
  CHECK(mammo->terms[0].system == CodeSystem::CPT);
  REQUIRE(mammo->terms[0].codes.size() == 1);
  CHECK(mammo->terms[0].codes[0].lo == "77061");
  CHECK(mammo->terms[0].codes[0].hi == "77067");

  const ir::CodeSet* inline_ = findCodeset(m, "CPT{...}");
  REQUIRE(inline_ != nullptr);
  REQUIRE(inline_->terms.size() == 1);
  REQUIRE(inline_->terms[0].codes.size() == 2);
  CHECK(inline_->terms[0].codes[0].lo == "99377");
  CHECK(inline_->terms[0].codes[1].lo == "99378");
  CHECK(inline_->terms[0].codes[1].hi == "99378");

  CHECK(text.find("ICD10CM{Z9013}") != std::string::npos);
  CHECK(text.find("CPT{77061..77067}") != std::string::npos);
  CHECK(text.find("Z90.13") == std::string::npos);

  // Each query names its code set by index.
  for (const ir::Query& q : m.queries) {
    for (const ir::Filter& f : filtersOf(q, ir::FilterKind::Codes)) {
      const std::int32_t c = f.codeset;
      CHECK(c >= 0);
      CHECK(static_cast<size_t>(c) < m.codesets.size());
    }
  }
}

TEST_CASE("code set unions, differences and references", "[lower]") {
  const ir::Measure m = lowerOne(measure(
      "  codeset Well = CPT{99382..99385} + ICD10CM{Z00.00..Z00.01, Z00.121..Z00.129, Z76.1}\n"
      "  codeset NotThese = Well - ICD10CM{Z76.1}\n"
      "  population true\n"
      "  numerator exists visit with NotThese\n"));
  const ir::CodeSet* well = findCodeset(m, "Well");
  const ir::CodeSet* notThese = findCodeset(m, "NotThese");
  REQUIRE(well != nullptr);
  REQUIRE(notThese != nullptr);
  REQUIRE(well->terms.size() == 2);
  REQUIRE(well->terms[1].codes.size() == 3);
  CHECK(well->terms[1].codes[1].lo == "Z00121");
  CHECK(well->terms[1].codes[1].hi == "Z00129");
  CHECK(well->terms[1].codes[2].lo == "Z761");

  REQUIRE(notThese->terms.size() == 2);
  CHECK_FALSE(notThese->terms[0].subtract);
  REQUIRE(notThese->terms[0].ref >= 0);
  CHECK(&m.codesets.at(static_cast<size_t>(notThese->terms[0].ref)) == well);
  CHECK(notThese->terms[1].subtract);
  CHECK(notThese->terms[1].ref == -1);
  CHECK(notThese->terms[1].codes.at(0).lo == "Z761");
}

TEST_CASE("query filters are lowered", "[lower]") {
  const ir::Measure m = lowerOne(measure(
      "  codeset HbA1c = LOINC{4548-4}\n"
      "  population true\n"
      "  numerator count visit in setting outpatient or telehealth by pcp after MP.start >= 2\n"
      "            and latest value of observation with HbA1c during MP where value > 9.0 < 8\n"
      "            and count distinct dates of visit before MP.end >= 1\n"));
  REQUIRE(m.queries.size() == 3);
  const ir::Query& visits = m.queries[0];
  CHECK(visits.aggregate == ir::Aggregate::Count);
  CHECK(filtersOf(visits, ir::FilterKind::ByPcp).size() == 1);
  REQUIRE(filtersOf(visits, ir::FilterKind::Setting).size() == 1);
  CHECK(filtersOf(visits, ir::FilterKind::Setting)[0].settings == ((1u << 1) | (1u << 6)));
  REQUIRE(filtersOf(visits, ir::FilterKind::Window).size() == 1);
  CHECK(filtersOf(visits, ir::FilterKind::Window)[0].bound == ir::Bound::StartsAfter);
  // Cheap filters first: status, window, setting, provider, then codes.
  REQUIRE(visits.filters.size() == 4);
  CHECK(visits.filters[0].kind == ir::FilterKind::Status);
  CHECK(visits.filters[1].kind == ir::FilterKind::Window);
  CHECK(visits.filters[2].kind == ir::FilterKind::Setting);
  CHECK(visits.filters[3].kind == ir::FilterKind::ByPcp);

  const ir::Query& obs = m.queries[1];
  CHECK(obs.kind == ir::EventKind::Observation);
  CHECK(obs.aggregate == ir::Aggregate::LatestValue);
  // `where value > 9.0`: a predicate over the event's value field.
  const auto where = filtersOf(obs, ir::FilterKind::Predicate);
  REQUIRE(where.size() == 1);
  const ir::Node& gt = m.nodes.at(static_cast<size_t>(where[0].node));
  REQUIRE(gt.op == ir::Op::Cmp);
  CHECK(gt.cmp == ir::CmpOp::Gt);
  const ir::Node& field = m.nodes.at(static_cast<size_t>(gt.a));
  CHECK(field.op == ir::Op::EventField);
  CHECK(field.imm == 1);
  CHECK(field.imm2 == static_cast<std::int64_t>(EventField::Value));
  const ir::Node& operand = m.nodes.at(static_cast<size_t>(gt.b));
  CHECK(operand.op == ir::Op::ConstNum);
  CHECK(operand.num == Approx(9.0));
  REQUIRE(filtersOf(obs, ir::FilterKind::Codes).size() == 1);
  CHECK(m.codesets.at(static_cast<size_t>(filtersOf(obs, ir::FilterKind::Codes)[0].codeset)).name ==
        "HbA1c");

  const ir::Query& distinct = m.queries[2];
  CHECK(distinct.aggregate == ir::Aggregate::CountDistinctDates);
  REQUIRE(filtersOf(distinct, ir::FilterKind::Window).size() == 1);
  CHECK(filtersOf(distinct, ir::FilterKind::Window)[0].bound == ir::Bound::StartsBefore);
}

TEST_CASE("with principal lowers to principal code sets, printed and de-duplicated", "[lower]") {
  const ir::Measure m =
      lowerOne(measure("  codeset Asthma = ICD10CM{J45.40}\n"
                       "  codeset Office = CPT{99213}\n"
                       "  population true\n"
                       "  numerator exists visit with principal Asthma with Office\n"
                       "            and exists visit with Asthma with Office\n"
                       "            and exists visit with Office with principal Asthma\n"));
  // The principal filter and the plain one are different queries; the same
  // filters in another order are the same query.
  REQUIRE(m.queries.size() == 2);
  const ir::Query& principal = m.queries[0];
  const auto principals = filtersOf(principal, ir::FilterKind::Slot);
  const auto codes = filtersOf(principal, ir::FilterKind::Codes);
  REQUIRE(principals.size() == 1);
  CHECK(m.codesets.at(static_cast<size_t>(principals[0].codeset)).name == "Asthma");
  REQUIRE(codes.size() == 1);
  CHECK(m.codesets.at(static_cast<size_t>(codes[0].codeset)).name == "Office");
  const ir::Query& plain = m.queries[1];
  CHECK(filtersOf(plain, ir::FilterKind::Slot).empty());
  CHECK(filtersOf(plain, ir::FilterKind::Codes).size() == 2);
  const std::string text = ir::print(m);
  INFO(text);
  CHECK(text.find(fmt::format("query q0 exists visit with c{} with_principal c{}", codes[0].codeset,
                              principals[0].codeset)) != std::string::npos);
  CHECK(ir::verify(m).empty());
}

TEST_CASE("with value lowers to a value slot filter, apart from principal and plain codes",
          "[lower]") {
  const ir::Measure m =
      lowerOne(measure("  codeset Yes = SNOMEDCT{373066001}\n"
                       "  population true\n"
                       "  numerator exists observation with value Yes\n"
                       "            and exists observation with Yes\n"
                       "            and exists observation with any value\n"));
  // Three queries: the same code set as a value, as a code, and any value.
  REQUIRE(m.queries.size() == 3);
  const auto value = filtersOf(m.queries[0], ir::FilterKind::Slot);
  REQUIRE(value.size() == 1);
  CHECK(value[0].slot == CodeSlot::Value);
  CHECK(m.codesets.at(static_cast<size_t>(value[0].codeset)).name == "Yes");
  CHECK(filtersOf(m.queries[1], ir::FilterKind::Slot).empty());
  const auto any = filtersOf(m.queries[2], ir::FilterKind::Slot);
  REQUIRE(any.size() == 1);
  CHECK(any[0].codeset == -1);
  const std::string text = ir::print(m);
  INFO(text);
  CHECK(text.find(fmt::format("query q0 exists observation with_value c{}", value[0].codeset)) !=
        std::string::npos);
  CHECK(text.find("query q2 exists observation with_any_value") != std::string::npos);
  CHECK(ir::verify(m).empty());
}

TEST_CASE("parameterised definitions are inlined", "[lower]") {
  const ir::Measure m = lowerOne(measure(
      "  codeset Hospice = HCPCS{G9473..G9479}\n"
      "  define in_hospice(p: interval) = exists visit with Hospice during p\n"
      "  define older(n: number) = age at MP.end > n\n"
      "  population older(18)\n"
      "  numerator not in_hospice(MP) and not in_hospice([MP.start, MP.start + 30 days])\n"));
  for (const ir::Definition& d : m.definitions) {
    CHECK(d.name != "in_hospice");
    CHECK(d.name != "older");
  }
  // Two calls with different windows: two queries with different bounds.
  REQUIRE(m.queries.size() == 2);
  const auto w0 = filtersOf(m.queries[0], ir::FilterKind::Window);
  const auto w1 = filtersOf(m.queries[1], ir::FilterKind::Window);
  CHECK(w0.at(1).node != w1.at(1).node);
  CHECK(w0.at(0).node == w1.at(0).node);

  // An int argument to a number parameter is converted.
  const ir::Rule& pop = m.rule(ir::RuleKind::Population);
  REQUIRE(pop.terms.size() == 1);
  CHECK(pop.terms[0].label == "older(18)");
  const ir::Node& cmp = m.nodes.at(static_cast<size_t>(pop.terms[0].node));
  REQUIRE(cmp.op == ir::Op::Cmp);
  CHECK(cmp.cmp == ir::CmpOp::Gt);
  CHECK(m.nodes.at(static_cast<size_t>(cmp.b)).type == ir::Type::Num);
}

TEST_CASE("the same call twice is one node", "[lower]") {
  const ir::Measure m =
      lowerOne(measure("  codeset Hospice = HCPCS{G9473..G9479}\n"
                       "  define in_hospice(p: interval) = exists visit with Hospice during p\n"
                       "  population not in_hospice(MP)\n"
                       "  numerator in_hospice(MP) or true\n"));
  CHECK(m.queries.size() == 1);
  const ir::NodeId pop = m.rule(ir::RuleKind::Population).terms.at(0).node;
  const ir::NodeId num = m.rule(ir::RuleKind::Numerator).terms.at(0).node;
  const ir::Node& notNode = m.nodes.at(static_cast<size_t>(pop));
  const ir::Node& orNode = m.nodes.at(static_cast<size_t>(num));
  REQUIRE(notNode.op == ir::Op::Not);
  REQUIRE(orNode.op == ir::Op::Or);
  CHECK(notNode.a == orNode.a);
}

TEST_CASE("a measure importing stdlib.exclusions checks clean and lowers", "[lower]") {
  auto c =
      compile(measure("  import stdlib.exclusions\n"
                      "  codeset Mammography = CPT{77061..77067}\n"
                      "  population sex = F and age at MP.end in 50..74\n"
                      "  exclude in_hospice(MP)\n"
                      "  numerator exists visit with Mammography during MP\n"));
  INFO(codesOf(c->diagnostics()));
  CHECK(c->diagnostics().items().empty());
  REQUIRE(c->measures().size() == 1);
  const ir::Measure m = c->lower(*c->measures()[0]);
  const ir::Rule& excl = m.rule(ir::RuleKind::Exclude);
  REQUIRE(excl.terms.size() == 1);
  CHECK(excl.terms[0].label == "in_hospice(MP)");
  // The module's code sets come along; its definitions are inlined.
  CHECK(findCodeset(m, "Hospice") != nullptr);
  for (const ir::Definition& d : m.definitions) CHECK(d.name != "in_hospice");
  // in_hospice: three queries (visits with Hospice, hospice setting,
  // supplemental with Hospice) below the exclusion term.
  const auto nodes = reachable(m, excl.terms[0].node);
  const auto queries = std::count_if(nodes.begin(), nodes.end(), [&](ir::NodeId id) {
    return m.nodes[static_cast<size_t>(id)].op == ir::Op::Query;
  });
  CHECK(queries >= 3);
  bool hospiceSetting = false;
  for (const ir::Query& q : m.queries)
    if (settingsOf(q) == (1u << 8)) hospiceSetting = true;
  CHECK(hospiceSetting);
}

TEST_CASE("test blocks are lowered", "[lower]") {
  const ir::Measure m = lowerOne(measure(
      "  codeset Mammography = CPT{77061..77067}\n"
      "  population true\n"
      "  numerator exists visit with Mammography\n"
      "  test \"one\" {\n"
      "    member sex F born 1961-03-02 enrolled 2020-01-01..2021-06-30, 2021-08-01.. pcp P1\n"
      "    visit 2020-10-01 CPT:77067 ICD10CM:Z12.31 setting outpatient provider P1\n"
      "    observation 2022-05-01 LOINC:4548-4 value 9.5\n"
      "    pharmacy 2022-02-01 NDC:00002-3227-30 days_supply 30\n"
      "    expect population, not excluded, numerator\n"
      "  }\n"
      "  test \"two\" {\n"
      "    period 2021\n"
      "    member sex M born 1950-01-01\n"
      "    expect not numerator\n"
      "  }\n"));
  REQUIRE(m.tests.size() == 2);
  const ir::TestCase& one = m.tests[0];
  CHECK(one.name == "one");
  CHECK(one.location == "t.measure:6");
  CHECK(one.period == 2022);
  CHECK(one.memberSex == "F");
  CHECK(one.pcp == "P1");
  REQUIRE(one.enrolled.size() == 2);
  CHECK(one.enrolled[1].second == kOpenEnd);
  REQUIRE(one.events.size() == 3);
  const ir::TestEvent& visit = one.events[0];
  CHECK(visit.kind == ir::EventKind::Visit);
  REQUIRE(visit.codes.size() == 2);
  CHECK(visit.codes[1].first == CodeSystem::ICD10CM);
  CHECK(visit.codes[1].second == "Z1231");
  CHECK(visit.setting == 1);
  CHECK(visit.provider == "P1");
  CHECK_FALSE(visit.hasValue);
  CHECK(one.events[1].hasValue);
  CHECK(one.events[1].value == Approx(9.5));
  CHECK(one.events[2].kind == ir::EventKind::Pharmacy);
  CHECK(one.events[2].daysSupply == 30);
  REQUIRE(one.expects.size() == 3);
  CHECK(one.expects[1].rule == ir::RuleKind::Exclude);
  CHECK_FALSE(one.expects[1].value);
  CHECK(one.expects[2].rule == ir::RuleKind::Numerator);
  CHECK(one.expects[2].value);

  CHECK(m.tests[1].period == 2021);
  CHECK(m.tests[1].memberSex == "M");
  CHECK(m.tests[1].events.empty());
}

TEST_CASE("is missing lowers for bools and ints as well as numbers and dates", "[lower]") {
  const ir::Measure m =
      lowerOne(measure("  define lab = latest value of observation with LOINC{4548-4} during MP\n"
                       "  population (lab < 5) is missing\n"
                       "  numerator  (age at death_date) is not missing\n"));
  const auto operandType = [&](ir::NodeId id) {
    const ir::Node& n = m.nodes.at(static_cast<size_t>(id));
    REQUIRE(n.op == ir::Op::IsMissing);
    return m.nodes.at(static_cast<size_t>(n.a)).type;
  };
  CHECK(operandType(m.rule(ir::RuleKind::Population).terms.at(0).node) == ir::Type::Bool);
  const ir::Node& notMissing = m.nodes.at(m.rule(ir::RuleKind::Numerator).terms.at(0).node);
  REQUIRE(notMissing.op == ir::Op::Not);
  CHECK(operandType(notMissing.a) == ir::Type::Int);
}

TEST_CASE("sex and test-block sources are read in any case, as in the data files", "[lower]") {
  const ir::Measure m =
      lowerOne(measure("  population sex = f or sex = U\n"
                       "  numerator exists immunization with CVX{03}\n"
                       "  test \"lower case\" {\n"
                       "    member sex f born 1961-03-02 enrolled 2020-01-01..\n"
                       "    immunization 2021-02-01 CVX:03 source REGISTRY\n"
                       "    expect population, numerator\n"
                       "  }\n"));
  REQUIRE(m.tests.size() == 1);
  CHECK(m.tests[0].memberSex == "F");
  REQUIRE(m.tests[0].events.size() == 1);
  CHECK(m.tests[0].events[0].source == "registry");
}

// Issue 11: lowering reads the names the checker resolved (sema::Model), never
// the strings. Each resolution is replaced by a different value in a copy of
// the model; the lowered measure must follow the copy, not the source text.
namespace {

const char* const kHandOff =
    "  kind inverse\n"
    "  define big(x: int) = x > 1\n"
    "  population big(2) and MP.start.year = 2022\n"
    "  numerator exists visit with CPT{99213} in setting outpatient\n"
    "  test \"one\" {\n"
    "    member sex F born 1961-03-02 enrolled 2020-01-01..\n"
    "    visit 2022-03-01 CPT:99213 setting outpatient\n"
    "    expect population, numerator\n"
    "  }\n";

bool hasOp(const ir::Measure& m, ir::Op op) {
  return std::any_of(m.nodes.begin(), m.nodes.end(), [&](const ir::Node& n) { return n.op == op; });
}

}  // namespace

TEST_CASE("lowering reads the checker's resolutions, not the names", "[lower][handoff]") {
  auto c = compile(measure(kHandOff));
  INFO(codesOf(c->diagnostics()));
  REQUIRE_FALSE(c->hasErrors());
  REQUIRE(c->measures().size() == 1);
  const ast::Measure& src = *c->measures()[0];

  // As written.
  const ir::Measure plain = ir::lowerMeasure(src, c->model(), "t.measure");
  CHECK(plain.kind == ir::MeasureKind::Inverse);
  REQUIRE(plain.queries.size() == 1);
  CHECK(plain.queries[0].kind == ir::EventKind::Visit);
  CHECK(settingsOf(plain.queries[0]) == (1u << 1));
  CHECK(hasOp(plain, ir::Op::YearOf));
  CHECK_FALSE(hasOp(plain, ir::Op::MonthOf));
  CHECK_FALSE(hasOp(plain, ir::Op::IntToNum));

  // Every resolution changed in a copy of the model.
  sema::Model model = c->model();
  REQUIRE(model.measureKinds.size() == 1);
  for (auto& [_, k] : model.measureKinds) k = sema::MeasureKind::Proportion;
  REQUIRE(model.queryKinds.size() == 1);
  for (auto& [_, k] : model.queryKinds) k = static_cast<int>(ir::EventKind::Referral);
  REQUIRE(model.settingMasks.size() == 1);
  for (auto& [_, mask] : model.settingMasks) mask = 1u << 3;
  REQUIRE_FALSE(model.codeSystems.empty());
  for (auto& [_, system] : model.codeSystems) system = CodeSystem::HCPCS;
  REQUIRE(model.memberFields.size() == 2);  // MP.start, .year
  for (auto& [e, f] : model.memberFields)
    if (f == sema::MemberField::Year) f = sema::MemberField::Month;
  for (auto& [_, types] : model.paramTypes)
    for (sema::Type& t : types) t = sema::Type::Number;
  REQUIRE(model.testEvents.size() == 1);
  for (auto& [_, ev] : model.testEvents) {
    ev.kind = static_cast<int>(ir::EventKind::Observation);
    ev.setting = 4;
    ev.codes = {{CodeSystem::LOINC, "4548-4"}};
  }
  REQUIRE(model.outcomes.size() == 2);
  for (auto& [_, o] : model.outcomes) o = sema::Outcome::Excluded;

  const ir::Measure m = ir::lowerMeasure(src, model, "t.measure");
  CHECK(m.kind == ir::MeasureKind::Proportion);
  REQUIRE(m.queries.size() == 1);
  CHECK(m.queries[0].kind == ir::EventKind::Referral);
  CHECK(settingsOf(m.queries[0]) == (1u << 3));
  const ir::CodeSet* list = findCodeset(m, "CPT{...}");
  REQUIRE(list != nullptr);
  REQUIRE(list->terms.size() == 1);
  CHECK(list->terms[0].system == CodeSystem::HCPCS);
  CHECK_FALSE(hasOp(m, ir::Op::YearOf));
  CHECK(hasOp(m, ir::Op::MonthOf));
  CHECK(hasOp(m, ir::Op::IntToNum));  // the int argument to a (now) number parameter
  REQUIRE(m.tests.size() == 1);
  REQUIRE(m.tests[0].events.size() == 1);
  const ir::TestEvent& ev = m.tests[0].events[0];
  CHECK(ev.kind == ir::EventKind::Observation);
  CHECK(ev.setting == 4);
  REQUIRE(ev.codes.size() == 1);
  CHECK(ev.codes[0].first == CodeSystem::LOINC);
  CHECK(ev.codes[0].second == "4548-4");
  REQUIRE(m.tests[0].expects.size() == 2);
  for (const auto& e : m.tests[0].expects) CHECK(e.rule == ir::RuleKind::Exclude);
}

TEST_CASE("a name the checker did not resolve is a lowering bug", "[lower][handoff]") {
  auto c = compile(measure(kHandOff));
  INFO(codesOf(c->diagnostics()));
  REQUIRE_FALSE(c->hasErrors());
  const ast::Measure& src = *c->measures()[0];
  const std::vector<std::pair<const char*, std::function<void(sema::Model&)>>> drops{
      {"measure kind", [](sema::Model& m) { m.measureKinds.clear(); }},
      {"event kind", [](sema::Model& m) { m.queryKinds.clear(); }},
      {"setting", [](sema::Model& m) { m.settingMasks.clear(); }},
      {"code system", [](sema::Model& m) { m.codeSystems.clear(); }},
      {"member field", [](sema::Model& m) { m.memberFields.clear(); }},
      {"parameter types", [](sema::Model& m) { m.paramTypes.clear(); }},
      {"test event", [](sema::Model& m) { m.testEvents.clear(); }},
      {"outcome", [](sema::Model& m) { m.outcomes.clear(); }},
  };
  for (const auto& [what, drop] : drops) {
    INFO(what);
    sema::Model model = c->model();
    drop(model);
    CHECK_THROWS_AS(ir::lowerMeasure(src, model, "t.measure"), std::logic_error);
  }
}

TEST_CASE("pairing lowers to event fields of the binding query", "[lower][pairing]") {
  const ir::Measure m = lowerOne(measure(
      "  population true\n"
      "  numerator exists visit as stay in setting inpatient\n"
      "              where exists visit as fu during [stay.end + 1 day, stay.end + 14 days]\n"
      "                where exists referral by provider fu.provider on or after stay.date\n"
      "            and (exists visit as stay2 in setting inpatient where true)\n"
      "            and exists visit in setting inpatient\n"));
  INFO(ir::print(m));
  CHECK(ir::verify(m).empty());
  REQUIRE(m.queries.size() == 5);
  // The binding query has its index before its filters are lowered.
  const ir::Query& stay = m.queries[0];
  CHECK(stay.alias == "stay");
  const auto where = filtersOf(stay, ir::FilterKind::Predicate);
  REQUIRE(where.size() == 1);
  const ir::Query& fu = m.queries[1];
  CHECK(fu.alias == "fu");
  const auto window = filtersOf(fu, ir::FilterKind::Window);
  REQUIRE(window.size() == 2);
  const ir::Node& lo = m.nodes.at(static_cast<size_t>(window[0].node));
  REQUIRE(lo.op == ir::Op::AddDays);
  const ir::Node& end = m.nodes.at(static_cast<size_t>(lo.a));
  CHECK(end.op == ir::Op::EventField);
  CHECK(end.type == ir::Type::Date);
  CHECK(end.imm == 0);
  CHECK(end.imm2 == static_cast<std::int64_t>(EventField::End));
  const ir::Query& referral = m.queries[2];
  const auto by = filtersOf(referral, ir::FilterKind::ByProvider);
  REQUIRE(by.size() == 1);
  const ir::Node& provider = m.nodes.at(static_cast<size_t>(by[0].node));
  CHECK(provider.op == ir::Op::EventField);
  CHECK(provider.type == ir::Type::Provider);
  CHECK(provider.imm == 1);
  // A query with an alias is never shared with an equal one without.
  CHECK(m.queries[3].alias == "stay2");
  CHECK(m.queries[4].alias.empty());

  const std::string text = ir::print(m);
  CHECK(text.find("query q0 exists visit as stay settings=0x4 where %") != std::string::npos);
  CHECK(text.find("date event_field q0(stay).end  // per event") != std::string::npos);
  CHECK(text.find("provider event_field q1(fu).provider  // per event") != std::string::npos);
  CHECK(text.find(" by_provider %") != std::string::npos);
}

TEST_CASE("linked_pcp lowers to its op", "[lower][pairing]") {
  const ir::Measure m =
      lowerOne(measure("  population true\n"
                       "  numerator exists visit by provider linked_pcp(MP.end)\n"));
  CHECK(ir::verify(m).empty());
  const auto by = filtersOf(m.queries.at(0), ir::FilterKind::ByProvider);
  REQUIRE(by.size() == 1);
  const ir::Node& pcp = m.nodes.at(static_cast<size_t>(by[0].node));
  CHECK(pcp.op == ir::Op::LinkedPcp);
  CHECK(pcp.type == ir::Type::Provider);
  CHECK(m.nodes.at(static_cast<size_t>(pcp.a)).op == ir::Op::PeriodEnd);
}
