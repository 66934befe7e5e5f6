// The measures and the stdlib shipped with measurec check clean and lower.
#include <catch2/catch.hpp>
#include <map>

#include "CompilerTestUtil.h"
#include "ir/Ir.h"

using namespace mc;
using mc::testing::codesOf;

TEST_CASE("the CBI 2022 measures check with no errors and no warnings", "[shipped]") {
  Compilation c(mc::testing::stdlibDir());
  c.addPath(std::string(MEASUREC_SOURCE_DIR) + "/measures/2022/cbi");
  c.check();
  INFO(codesOf(c.diagnostics()));
  CHECK(c.diagnostics().errorCount() == 0);
  CHECK(c.diagnostics().warningCount() == 0);
  // Only notes: the seed's two domain totals that differ from their
  // measures' points (kept as printed), the assumed dollar value of a point
  // and the assumed benchmark tiers (2) and plan goal of each of the 18
  // programmatic measures.
  std::vector<std::string> notes;
  for (const Diagnostic& d : c.diagnostics().items()) {
    CHECK(d.severity == Severity::Note);
    notes.push_back(d.code);
  }
  std::vector<std::string> expectedNotes{"N0502", "N0502"};
  expectedNotes.insert(expectedNotes.end(), 1 + 18 * 3, "N0501");
  CHECK(notes == expectedNotes);

  const auto measures = c.measures();
  CHECK(measures.size() >= 7);
  for (const ast::Measure* m : measures) {
    INFO(m->id);
    const ir::Measure lowered = c.lower(*m);
    CHECK(lowered.id == m->id);
    CHECK_FALSE(lowered.rule(ir::RuleKind::Population).terms.empty());
    CHECK_FALSE(lowered.rule(ir::RuleKind::Numerator).terms.empty());
    CHECK_FALSE(ir::print(lowered).empty());
  }

  const auto programs = c.programs();
  REQUIRE(programs.size() == 1);
  const ir::Program p = c.lower(*programs[0]);
  CHECK(p.period == 2022);
  CHECK(p.measures.size() >= 7);
  // The domains and points of MEASURES.md's CBI table.
  REQUIRE(p.domains.size() == 4);
  CHECK(p.domains[0].name == "Care Coordination - Access");
  CHECK(p.domains[0].points == Approx(18));
  CHECK(p.domains[1].points == Approx(37));
  CHECK(p.domains[2].name == "Quality of Care");
  CHECK(p.domains[2].points == Approx(40));
  CHECK(p.domains[2].varies);
  // Contract 3.3.3: 10 points over the three domains, plan goal or +5%.
  CHECK(p.domains[3].name == "Performance Improvement");
  CHECK(p.domains[3].improvement);
  CHECK(p.domains[3].points == Approx(10));
  CHECK(p.domains[3].over == std::vector<int>{0, 1, 2});
  CHECK(p.domains[3].byPercent == Approx(5));
  std::vector<double> sums(p.domains.size(), 0.0);
  std::vector<int> counts(p.domains.size(), 0);
  int exploratory = 0;
  std::vector<std::string> rewards;  // the Health and Wellness member rewards
  for (const ir::ProgramMeasure& pm : p.measures) {
    INFO(pm.measure.id);
    if (pm.measure.isReward()) {
      rewards.push_back(pm.measure.id);
      CHECK(pm.domain == -1);
      CHECK_FALSE(pm.exploratory);
      continue;
    }
    if (pm.exploratory) {
      ++exploratory;
      CHECK(pm.domain == -1);
      continue;
    }
    REQUIRE(pm.domain >= 0);
    // Every programmatic measure has benchmark tiers (two) and a plan goal.
    CHECK(pm.tiers.size() == 2);
    CHECK(pm.goal.has_value());
    sums[pm.domain] += pm.points;
    ++counts[pm.domain];
    if (pm.measure.id == "PDV") CHECK(pm.points == Approx(10.5));
    // Tiers and goals name parameters (bcs_tier1, bcs_tier2, bcs_goal).
    if (pm.measure.id == "BCS") {
      CHECK(pm.tiers == std::vector<std::pair<double, double>>{{0.52, 50}, {0.57, 100}});
      CHECK(pm.goal == 0.55);
    }
    if (pm.measure.id == "ACS") CHECK(pm.minimum == 100);
  }
  CHECK(sums[0] == Approx(22.5));
  CHECK(sums[1] == Approx(27.5));
  CHECK(counts == std::vector<int>{5, 3, 10, 0});
  CHECK(exploratory == 8);
  CHECK(rewards == std::vector<std::string>{"PRENATAL", "HWL", "IMA_REWARD", "FLU_CHILD",
                                            "CIS10_REWARD", "NAL", "POSTPARTUM", "WCV_SCHEDULE",
                                            "W15_REWARD"});
  // The fee-for-service figures are printed (Contract 4.1, 4.2); the value
  // of a point and the 54 tier and goal figures are not.
  REQUIRE(p.parameters.size() == 2 + 1 + 18 * 3);
  CHECK(p.parameters[0].name == "pcmh_fee");
  CHECK_FALSE(p.parameters[0].assumption);
  CHECK(p.parameters[1].name == "bhi_fee");
  CHECK_FALSE(p.parameters[1].assumption);
  CHECK(p.parameters[2].name == "point_value");
  for (size_t i = 2; i < p.parameters.size(); ++i) CHECK(p.parameters[i].assumption);
  REQUIRE(p.feeForService.size() == 2);
  CHECK(p.feeForService[0].id == "PCMH");
  CHECK(p.feeForService[0].dollars == 2500);
  CHECK(p.feeForService[0].attributes ==
        std::vector<std::string>{"pcmh_recognized", "tjc_certified"});
  CHECK(p.feeForService[1].id == "BHI");
  CHECK(p.feeForService[1].dollars == 1000);
  CHECK(p.feeForService[1].attributes == std::vector<std::string>{"bh_distinction"});
}

TEST_CASE("the 2016 pharmacy program carries the printed thresholds, 10 points and a target each",
          "[shipped]") {
  Compilation c(mc::testing::stdlibDir());
  c.addPath(std::string(MEASUREC_SOURCE_DIR) + "/measures/2016/pharmacy-p4p");
  c.check();
  INFO(codesOf(c.diagnostics()));
  CHECK(c.diagnostics().errorCount() == 0);
  CHECK(c.diagnostics().warningCount() == 0);
  // Notes only: the assumptions (7 measures' points, 5 targets, the P4P
  // dollar pool), each listed.
  REQUIRE(c.diagnostics().items().size() == 13);
  for (const auto& d : c.diagnostics().items()) CHECK(d.code == "N0501");

  const ir::Program p = c.lower(*c.programs().at(0));
  std::map<std::string, const ir::ProgramMeasure*> byId;
  for (const ir::ProgramMeasure& pm : p.measures) byId[pm.measure.id] = &pm;
  REQUIRE(byId.size() == 7);
  CHECK(byId.at("PDC_DR")->stars == std::vector<double>{80.4, 85.4, 90.3, 94.3});
  REQUIRE(byId.at("PDC_DR")->payment.has_value());
  CHECK(*byId.at("PDC_DR")->payment == Approx(90.3));
  CHECK(*byId.at("PDC_RASA")->payment == Approx(88));
  // Lower is better: decreasing upper bounds.
  CHECK(byId.at("ASM_ACT")->stars == std::vector<double>{54.3, 45.3, 38.1, 31.9});
  CHECK(byId.at("ASM_SOC")->stars.empty());
  std::map<std::string, const ir::ProgramParameter*> params;
  for (const ir::ProgramParameter& par : p.parameters) params[par.name] = &par;
  REQUIRE(params.count("p4p_pool") == 1);
  CHECK(params.at("p4p_pool")->unit == "dollars");
  CHECK(params.at("pdc_sta_target")->assumption);
  CHECK(params.at("gdr_points")->assumption);
  // "Total 10", each point 10%: one domain of 10 points whose measures'
  // points sum to it (the PDC three 2 each, the other four 1 each; assumed).
  REQUIRE(p.domains.size() == 1);
  CHECK(p.domains[0].points == Approx(10));
  double sum = 0;
  for (const ir::ProgramMeasure& pm : p.measures) {
    INFO(pm.measure.id);
    CHECK(pm.domain == 0);
    sum += pm.points;
    // Every measure has a target: full points at or above it, else 0.
    CHECK(pm.payment.has_value());
  }
  CHECK(sum == Approx(10));
  CHECK(byId.at("PDC_STA")->points == Approx(2));
  CHECK(byId.at("GDR")->points == Approx(1));
  // Targets not printed: the 4-star bound (ASM_SOC: ASM_ACT's).
  CHECK(*byId.at("PDC_STA")->payment == Approx(87));
  CHECK(*byId.at("SUPD")->payment == Approx(71));
  CHECK(*byId.at("GDR")->payment == Approx(85.1));
  CHECK(*byId.at("ASM_ACT")->payment == Approx(38.1));
  CHECK(*byId.at("ASM_SOC")->payment == Approx(38.1));
}

TEST_CASE("the pharmacy program's points must sum to its 10: one more is W0501", "[shipped]") {
  Compilation c(mc::testing::stdlibDir());
  // PDC_STA at 3 points: 3 + 2 + 2 + 1 + 1 + 1 + 1 = 11.
  c.setParameterOverrides({{"pdc_sta_points", 3}});
  c.addPath(std::string(MEASUREC_SOURCE_DIR) + "/measures/2016/pharmacy-p4p");
  c.check();
  INFO(codesOf(c.diagnostics()));
  CHECK(c.diagnostics().errorCount() == 0);
  REQUIRE(c.diagnostics().warningCount() == 1);
  for (const auto& d : c.diagnostics().items())
    if (d.code == "W0501")
      CHECK(d.message ==
            "domain \"Pharmacy P4P\" has 10 points possible, but its measures' points sum to 11");
}

TEST_CASE("the stdlib checks with no errors and no warnings", "[shipped]") {
  Compilation c(mc::testing::stdlibDir());
  c.addPath(mc::testing::stdlibDir());
  c.check();
  INFO(codesOf(c.diagnostics()));
  CHECK(c.diagnostics().errorCount() == 0);
  CHECK(c.diagnostics().warningCount() == 0);
  CHECK(c.diagnostics().items().empty());
  // Modules are not measures.
  CHECK(c.measures().empty());
}

TEST_CASE("a path that cannot be read is E0005", "[shipped]") {
  Compilation c(mc::testing::stdlibDir());
  c.addPath(std::string(MEASUREC_SOURCE_DIR) + "/measures/no-such-file.measure");
  c.check();
  INFO(codesOf(c.diagnostics()));
  REQUIRE(c.diagnostics().items().size() == 1);
  CHECK(c.diagnostics().items()[0].code == "E0005");
}
