// Parse tree -> AST, one function per grammar rule.
#include "parse/AstBuilder.h"

#include <fmt/format.h>

#include <algorithm>
#include <charconv>
#include <cmath>
#include <limits>

#include "support/ClosestName.h"
#include "support/CodeSlots.h"
#include "support/EventVocabulary.h"

namespace mc::parse {

using P = MeasureParser;

std::string unquote(const std::string& token) {
  std::string out;
  for (size_t i = 1; i + 1 < token.size(); ++i) {
    if (token[i] == '\\' && i + 2 < token.size()) {
      ++i;
      out += token[i] == 'n' ? '\n' : token[i] == 't' ? '\t' : token[i];
    } else {
      out += token[i];
    }
  }
  return out;
}

AstBuilder::AstBuilder(const SourceFile& file, Diagnostics& diags, bool parsedWithoutError)
    : file_(file), diags_(diags), parsedWithoutError_(parsedWithoutError) {
  const std::string& text = file.text();
  bool ascii = true;
  for (const char c : text) ascii = ascii && static_cast<unsigned char>(c) < 0x80;
  if (ascii) return;
  // ANTLR counts code points; the source text is UTF-8 bytes.
  for (size_t i = 0; i < text.size(); ++i) {
    if ((static_cast<unsigned char>(text[i]) & 0xC0) != 0x80) codePointStarts_.push_back(i);
  }
}

size_t AstBuilder::byteOffset(size_t codePoint) const {
  if (codePointStarts_.empty()) return std::min(codePoint, file_.text().size());
  return codePoint < codePointStarts_.size() ? codePointStarts_[codePoint] : file_.text().size();
}

std::string_view AstBuilder::sourceText(antlr4::Token* start, antlr4::Token* stop) const {
  if (start == nullptr || stop == nullptr || stop->getStopIndex() == INVALID_INDEX ||
      stop->getStopIndex() < start->getStartIndex())
    return {};
  const size_t from = byteOffset(start->getStartIndex());
  const size_t to = byteOffset(stop->getStopIndex() + 1);
  return std::string_view(file_.text()).substr(from, to - from);
}

SourceRange AstBuilder::range(antlr4::Token* token) const {
  SourceRange r{&file_, static_cast<int>(token->getLine()),
                static_cast<int>(token->getCharPositionInLine()) + 1, 1};
  const auto start = token->getStartIndex();
  const auto stop = token->getStopIndex();
  if (stop >= start && stop != INVALID_INDEX) r.length = static_cast<int>(stop - start + 1);
  return r;
}

SourceRange AstBuilder::range(antlr4::ParserRuleContext* ctx) const {
  SourceRange r = range(ctx->getStart());
  antlr4::Token* stop = ctx->getStop();
  if (stop != nullptr && stop->getLine() == ctx->getStart()->getLine() &&
      stop->getStopIndex() >= ctx->getStart()->getStartIndex()) {
    r.length = static_cast<int>(stop->getStopIndex() - ctx->getStart()->getStartIndex() + 1);
  }
  return r;
}

Days AstBuilder::date(antlr4::tree::TerminalNode* node) {
  const auto d = parseIsoDate(node->getText());
  if (!d) {
    diags_.error("E0003", range(node), "'" + node->getText() + "' is not a calendar date",
                 "dates are written YYYY-MM-DD with a real month and day");
    return 0;
  }
  return *d;
}

std::string abbreviated(const std::string& text) {
  if (text.size() <= 24) return text;
  return fmt::format("{}... ({} characters)", text.substr(0, 12), text.size());
}

std::int64_t AstBuilder::integer(antlr4::tree::TerminalNode* node) {
  const std::string text = node->getText();
  std::int64_t value = 0;
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (text.size() > 9 || ec != std::errc() || end != text.data() + text.size()) {
    diags_.error("E0004", range(node), "the number " + abbreviated(text) + " is too large",
                 "integers in measures are at most 999999999");
    return 0;
  }
  return value;
}

double AstBuilder::number(antlr4::tree::TerminalNode* node) {
  const std::string text = node->getText();
  double value = 0;
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (ec != std::errc() || end != text.data() + text.size() || !std::isfinite(value)) {
    // Out of range below 1 (0.000...01) is too close to zero, not too large.
    const bool tiny = text.find_first_not_of('0') == text.find('.');
    diags_.error(
        "E0004", range(node),
        "the number " + abbreviated(text) + (tiny ? " is too close to zero" : " is too large"),
        tiny ? "numbers in measures are at least about 1e-308 apart from 0; write 0 or a "
               "larger number"
             : "numbers in measures are at most about 1e308");
    return 0;
  }
  return value;
}

// True when the subtree holds an error node (a token the parser skipped or
// conjured) or a rule that failed. Iterative: a chain of 20,000 `and`s is a
// parse tree 20,000 levels deep.
static bool hasSyntaxError(antlr4::tree::ParseTree* root) {
  std::vector<antlr4::tree::ParseTree*> pending{root};
  while (!pending.empty()) {
    antlr4::tree::ParseTree* t = pending.back();
    pending.pop_back();
    if (dynamic_cast<antlr4::tree::ErrorNode*>(t) != nullptr) return true;
    if (auto* rule = dynamic_cast<antlr4::ParserRuleContext*>(t)) {
      if (rule->exception != nullptr) return true;
    }
    for (antlr4::tree::ParseTree* child : t->children) pending.push_back(child);
  }
  return false;
}

bool AstBuilder::broken(antlr4::tree::ParseTree* t) const {
  return !parsedWithoutError_ && hasSyntaxError(t);
}

// A token the parser skipped right after an item, on the item's last line,
// belongs to that item (`numerator exists visit with CPT {77067}` parses as
// far as `CPT`, then skips `{`): the item is not what was meant.
static bool followedByErrorOnItsLine(antlr4::ParserRuleContext* item) {
  auto* parent = dynamic_cast<antlr4::ParserRuleContext*>(item->parent);
  if (parent == nullptr || item->getStop() == nullptr) return false;
  const auto& siblings = parent->children;
  const auto it = std::find(siblings.begin(), siblings.end(), item);
  if (it == siblings.end() || it + 1 == siblings.end()) return false;
  auto* error = dynamic_cast<antlr4::tree::ErrorNode*>(*(it + 1));
  return error != nullptr && error->getSymbol()->getLine() == item->getStop()->getLine();
}

static bool isGood(antlr4::tree::TerminalNode* node) {
  return node != nullptr && dynamic_cast<antlr4::tree::ErrorNode*>(node) == nullptr;
}

// The header of a declaration (`measure ID "title" {`) parsed.
static bool headerParsed(P::DeclContext* decl, bool parsedWithoutError) {
  if (decl->exception != nullptr) return false;
  if (auto* m = dynamic_cast<P::MeasureDeclContext*>(decl))
    return isGood(m->ID()) && isGood(m->STRING()) && isGood(m->LBRACE());
  if (auto* m = dynamic_cast<P::ModuleDeclContext*>(decl))
    return m->qualifiedName() != nullptr &&
           (parsedWithoutError || !hasSyntaxError(m->qualifiedName())) && isGood(m->LBRACE());
  if (auto* p = dynamic_cast<P::ProgramDeclContext*>(decl))
    return isGood(p->ID()) && isGood(p->STRING()) && isGood(p->LBRACE());
  return false;
}

ast::File AstBuilder::build(P::FileContext* tree, const SourceFilePtr& source,
                            const std::vector<DroppedName>& dropped) {
  ast::File out;
  out.source = source;
  const std::vector<P::DeclContext*> decls = tree->decl();
  for (size_t i = 0; i < decls.size(); ++i) {
    P::DeclContext* decl = decls[i];
    if (!headerParsed(decl, parsedWithoutError_)) continue;
    if (auto* p = dynamic_cast<P::ProgramDeclContext*>(decl)) {
      out.programs.push_back(program(p));
      continue;
    }
    out.measures.push_back(measure(decl));
    // A hidden item belongs to the declaration it follows.
    const size_t from = decl->getStart()->getTokenIndex();
    const size_t to = i + 1 < decls.size() ? decls[i + 1]->getStart()->getTokenIndex()
                                           : std::numeric_limits<size_t>::max();
    for (const DroppedName& d : dropped) {
      if (d.tokenIndex > from && d.tokenIndex < to)
        out.measures.back().droppedNames.push_back(d.name);
    }
  }
  return out;
}

// The figure of `INT | NUMBER`, or null: for a token set the parser's
// recovery may conjure the missing number without marking the tree (the
// syntax error is reported all the same), so every figure is checked.
static antlr4::tree::TerminalNode* figureOf(antlr4::tree::TerminalNode* i,
                                            antlr4::tree::TerminalNode* n) {
  return i != nullptr ? i : n;
}

std::optional<ast::ProgramInclude> AstBuilder::include(P::IncludeDeclContext* inc) {
  ast::ProgramInclude out;
  if (inc == nullptr || broken(inc)) return std::nullopt;
  out.path = unquote(inc->STRING()->getText());
  out.range = range(inc->STRING());
  if (auto* m = inc->includeMinimum()) {
    if (m->INT() == nullptr) return std::nullopt;
    out.minimum = static_cast<int>(integer(m->INT()));
    out.hasMinimum = true;
    out.minimumRange = range(m->INT());
  }
  bool missing = false;
  // A figure as a number, or as a parameter's name recorded for the
  // compilation to resolve (0 until then).
  using Slot = ast::ParameterUse::Slot;
  auto figure = [&](antlr4::tree::TerminalNode* i, antlr4::tree::TerminalNode* n,
                    P::IdentContext* name, Slot slot, size_t index) {
    if (name != nullptr) {
      out.parameterUses.push_back({name->getText(), range(name), slot, index});
      return 0.0;
    }
    antlr4::tree::TerminalNode* node = figureOf(i, n);
    if (node == nullptr) {
      missing = true;
      return 0.0;
    }
    return number(node);
  };
  auto star = [&](P::StarFigureContext* f, Slot slot, size_t index) {
    if (f == nullptr) {
      missing = true;
      return 0.0;
    }
    return figure(f->INT(), f->NUMBER(), f->ident(), slot, index);
  };
  if (auto* p = inc->includePoints()) {
    out.points = figure(p->INT(), p->NUMBER(), p->ident(), Slot::Points, 0);
    out.hasPoints = true;
    if (p->ident() != nullptr)
      out.pointsRange = range(p->ident());
    else if (antlr4::tree::TerminalNode* node = figureOf(p->INT(), p->NUMBER()))
      out.pointsRange = range(node);
  }
  if (auto* st = inc->includeStars()) {
    for (P::StarFigureContext* f : st->starFigure())
      out.stars.push_back(star(f, Slot::Star, out.stars.size()));
    out.starsRange = range(st);
  }
  if (auto* t = inc->includeTiers()) {
    for (P::TierContext* tier : t->tier()) {
      const size_t index = out.tiers.size();
      const double rate = star(tier->starFigure(0), Slot::TierRate, index);
      out.tiers.emplace_back(rate, star(tier->starFigure(1), Slot::TierShare, index));
    }
    out.tiersRange = range(t);
  }
  if (auto* pay = inc->includePayment()) {
    out.payment = star(pay->starFigure(), Slot::Payment, 0);
    if (!missing) out.paymentRange = range(pay->starFigure());
  }
  if (auto* g = inc->includeGoal()) {
    out.goal = star(g->starFigure(), Slot::Goal, 0);
    if (!missing) out.goalRange = range(g->starFigure());
  }
  if (auto* r = inc->includeReplaces()) {
    if (r->ID() == nullptr) return std::nullopt;
    out.replaces = r->ID()->getText();
    out.replacesRange = range(r->ID());
  }
  if (missing) return std::nullopt;
  return out;
}

ast::Program AstBuilder::program(P::ProgramDeclContext* decl) {
  ast::Program out;
  out.id = decl->ID()->getText();
  out.idRange = range(decl->ID());
  out.title = unquote(decl->STRING()->getText());
  for (P::ProgramItemContext* item : decl->programItem()) {
    if (broken(item)) continue;
    if (auto* s = dynamic_cast<P::ProgramSourceContext*>(item)) {
      out.source = unquote(s->STRING()->getText());
    } else if (auto* p = dynamic_cast<P::ProgramPeriodContext*>(item)) {
      out.period = static_cast<int>(integer(p->INT()));
    } else if (auto* inc = dynamic_cast<P::ProgramIncludeContext*>(item)) {
      if (auto one = include(inc->includeDecl())) out.includes.push_back(std::move(*one));
    } else if (auto* d = dynamic_cast<P::ProgramDomainContext*>(item)) {
      antlr4::tree::TerminalNode* figure = figureOf(d->INT(), d->NUMBER());
      if (figure == nullptr) continue;  // reported as a syntax error
      ast::ProgramDomain domain;
      domain.name = unquote(d->STRING()->getText());
      domain.range = range(d->STRING());
      domain.varies = d->VARIES() != nullptr;
      domain.asPrinted = d->PRINTED() != nullptr;
      domain.points = number(figure);
      domain.pointsRange = range(figure);
      out.domains.push_back(std::move(domain));
      for (P::IncludeDeclContext* i : d->includeDecl()) {
        auto member = include(i);
        if (!member) continue;
        member->domain = static_cast<int>(out.domains.size()) - 1;
        out.includes.push_back(std::move(*member));
      }
    } else if (auto* e = dynamic_cast<P::ProgramExploratoryContext*>(item)) {
      for (P::IncludeDeclContext* i : e->includeDecl()) {
        auto member = include(i);
        if (!member) continue;
        member->exploratory = true;
        out.includes.push_back(std::move(*member));
      }
    } else if (auto* rw = dynamic_cast<P::ProgramRewardsContext*>(item)) {
      for (P::IncludeDeclContext* i : rw->includeDecl()) {
        auto member = include(i);
        if (!member) continue;
        member->reward = true;
        out.includes.push_back(std::move(*member));
      }
    } else if (auto* par = dynamic_cast<P::ProgramParameterContext*>(item)) {
      antlr4::tree::TerminalNode* figure = figureOf(par->INT(), par->NUMBER());
      if (figure == nullptr || par->STRING() == nullptr) continue;
      ast::ProgramParameter parameter;
      parameter.name = par->ident(0)->getText();
      parameter.range = range(par->ident(0));
      parameter.value = number(figure);
      if (par->ident().size() > 1) parameter.unit = par->ident(1)->getText();
      parameter.assumption = par->ASSUMPTION() != nullptr;
      parameter.provenance = unquote(par->STRING()->getText());
      out.parameters.push_back(std::move(parameter));
    } else if (auto* im = dynamic_cast<P::ProgramImprovementContext*>(item)) {
      // Two figures: the points, then the percent after `by`.
      std::vector<antlr4::tree::TerminalNode*> figures;
      for (auto* t : im->children) {
        auto* node = dynamic_cast<antlr4::tree::TerminalNode*>(t);
        if (node != nullptr &&
            (node->getSymbol()->getType() == P::INT || node->getSymbol()->getType() == P::NUMBER))
          figures.push_back(node);
      }
      const std::vector<antlr4::tree::TerminalNode*> names = im->STRING();
      if (figures.size() != 2 || names.size() < 2) continue;  // reported as a syntax error
      ast::ProgramDomain domain;
      domain.name = unquote(names[0]->getText());
      domain.range = range(names[0]);
      domain.points = number(figures[0]);
      domain.pointsRange = range(figures[0]);
      domain.improvement = true;
      for (size_t n = 1; n < names.size(); ++n)
        domain.over.emplace_back(unquote(names[n]->getText()), range(names[n]));
      domain.byPercent = number(figures[1]);
      domain.byRange = range(figures[1]);
      out.domains.push_back(std::move(domain));
    } else if (auto* g = dynamic_cast<P::ProgramGateContext*>(item)) {
      ast::ProgramGate gate;
      gate.name = g->ident(0)->getText();
      gate.range = range(g->ident(0));
      gate.kind = g->ident(1)->getText();
      gate.kindRange = range(g->ident(1));
      gate.source = g->ident(2)->getText();
      gate.sourceRange = range(g->ident(2));
      gate.onOrBefore = date(g->DATE());
      out.gates.push_back(std::move(gate));
    } else if (auto* f = dynamic_cast<P::ProgramFeeForServiceContext*>(item)) {
      if (auto one = feeForService(f)) out.feeForService.push_back(std::move(*one));
    }
  }
  return out;
}

std::optional<ast::ProgramFeeForService> AstBuilder::feeForService(
    P::ProgramFeeForServiceContext* f) {
  antlr4::tree::TerminalNode* figure = figureOf(f->INT(), f->NUMBER());
  if (f->ID() == nullptr || f->STRING() == nullptr || (figure == nullptr && f->amount == nullptr))
    return std::nullopt;
  ast::ProgramFeeForService out;
  out.id = f->ID()->getText();
  out.range = range(f->ID());
  out.title = unquote(f->STRING()->getText());
  if (f->amount != nullptr) {
    // A parameter's name: the compilation puts its value in (after --set).
    out.dollarsParameter = f->amount->getText();
    out.dollarsRange = range(f->amount);
  } else {
    // A minus sign parses so that check can say why a payment is not negative.
    out.dollars = f->MINUS() != nullptr ? -number(figure) : number(figure);
    out.dollarsRange = range(figure);
    if (f->MINUS() != nullptr) {
      out.dollarsRange = range(f->MINUS());
      out.dollarsRange.length += static_cast<int>(figure->getText().size());
    }
  }
  if (f->currency != nullptr) {
    out.unit = f->currency->getText();
    out.unitRange = range(f->currency);
  }
  for (P::IdentContext* a : f->attributes) {
    out.attributes.push_back(a->getText());
    out.attributeRanges.push_back(range(a));
  }
  return out;
}

ast::Measure AstBuilder::measure(P::DeclContext* decl) {
  ast::Measure out;
  std::vector<P::MeasureItemContext*> items;
  if (auto* m = dynamic_cast<P::MeasureDeclContext*>(decl)) {
    out.id = m->ID()->getText();
    out.idRange = range(m->ID());
    out.title = unquote(m->STRING()->getText());
    items = m->measureItem();
  } else if (auto* mod = dynamic_cast<P::ModuleDeclContext*>(decl)) {
    out.isModule = true;
    out.id = mod->qualifiedName()->getText();
    out.idRange = range(mod->qualifiedName());
    items = mod->measureItem();
  }
  // With a syntax error in the measure, a rule may be missing because the
  // parser skipped it (a misspelt `numerater`, a code list left open): do
  // not also report it missing (E0301).
  if (broken(decl))
    out.droppedNames.insert(out.droppedNames.end(), {"population", "eligible", "exclude",
                                                     "numerator", "earned when", "earned on"});
  for (P::MeasureItemContext* item : items) {
    if (!broken(item) && !followedByErrorOnItsLine(item)) {
      measureItem(item, out);
      continue;
    }
    // Keep the name of a broken definition or code set if it parsed.
    P::IdentContext* name = nullptr;
    if (auto* d = dynamic_cast<P::DefineItemContext*>(item)) name = d->ident();
    if (auto* c = dynamic_cast<P::CodesetItemContext*>(item)) name = c->ident();
    if (name != nullptr && !broken(name)) out.droppedNames.push_back(name->getText());
    if (auto* r = dynamic_cast<P::RuleItemContext*>(item))
      out.droppedNames.push_back(
          r->ruleKeyword()->EARNED() != nullptr ? "earned when" : r->ruleKeyword()->getText());
    if (dynamic_cast<P::EarnedOnItemContext*>(item) != nullptr)
      out.droppedNames.push_back("earned on");
  }
  return out;
}

void AstBuilder::measureItem(P::MeasureItemContext* item, ast::Measure& out) {
  if (auto* s = dynamic_cast<P::SourceItemContext*>(item)) {
    out.source = unquote(s->STRING()->getText());
  } else if (auto* k = dynamic_cast<P::KindItemContext*>(item)) {
    // `inverse rate per 1000 member years`: the words before `per` name the
    // kind (sema checks them), N is kept apart.
    out.kind = k->ident(0)->getText();
    out.kindRange = range(k->ident(0));
    if (k->ident().size() > 1) {
      out.kind += " " + k->ident(1)->getText();
      out.kindRange.length = static_cast<int>(k->ident(1)->getStop()->getStopIndex() -
                                              k->ident(0)->getStart()->getStartIndex() + 1);
    }
    if (k->PER() != nullptr) {
      out.hasRatePer = true;
      out.ratePer = integer(k->INT());
      out.ratePerRange = range(k->INT());
    }
  } else if (auto* x = dynamic_cast<P::ExposureItemContext*>(item)) {
    out.exposureRange = range(x->EXPOSURE());
    out.exposure = expr(x->expr());
  } else if (auto* p = dynamic_cast<P::PeriodItemContext*>(item)) {
    out.period = static_cast<int>(integer(p->INT()));
    out.periodRange = range(p->INT());
  } else if (auto* i = dynamic_cast<P::ImportItemContext*>(item)) {
    out.imports.push_back({i->qualifiedName()->getText(), range(i->qualifiedName())});
  } else if (auto* c = dynamic_cast<P::CodesetItemContext*>(item)) {
    ast::CodesetDecl decl;
    decl.name = c->ident()->getText();
    decl.nameRange = range(c->ident());
    decl.expr = codesetExpr(c->codesetExpr());
    out.codesets.push_back(std::move(decl));
  } else if (auto* d = dynamic_cast<P::DefineItemContext*>(item)) {
    ast::DefineDecl decl;
    decl.name = d->ident()->getText();
    decl.nameRange = range(d->ident());
    if (d->params() != nullptr) {
      decl.hasParams = true;
      for (P::ParamContext* param : d->params()->param()) {
        decl.params.push_back({param->ident()->getText(), range(param->ident()),
                               param->paramType()->getText(), range(param->paramType())});
      }
    }
    decl.body = expr(d->expr());
    out.defines.push_back(std::move(decl));
  } else if (auto* r = dynamic_cast<P::RuleItemContext*>(item)) {
    ast::RuleDecl rule;
    P::RuleKeywordContext* kw = r->ruleKeyword();
    rule.kind = kw->POPULATION()  ? ast::RuleKind::Population
                : kw->ELIGIBLE()  ? ast::RuleKind::Eligible
                : kw->EXCLUDE()   ? ast::RuleKind::Exclude
                : kw->EXCEPTION() ? ast::RuleKind::Exception
                                  : ast::RuleKind::Numerator;
    rule.earnedWhen = kw->EARNED() != nullptr;
    rule.range = range(kw);
    rule.expr = expr(r->expr());
    out.rules.push_back(std::move(rule));
  } else if (auto* g = dynamic_cast<P::GapItemContext*>(item)) {
    out.gap = unquote(g->STRING()->getText());
    out.gapRange = range(g->GAP());
  } else if (auto* t = dynamic_cast<P::TestItem_Context*>(item)) {
    out.tests.push_back(test(t));
  } else if (auto* a = dynamic_cast<P::AttributeItemContext*>(item)) {
    out.attributeTo = a->ident()->getText();
    out.attributeToRange = range(a->ident());
    auto e = node(ast::ExprKind::Aggregate, a->query());
    e->aggregate = ast::AggregateKind::Count;
    e->query = query(a->query());
    out.attribution = std::move(e);
  } else if (auto* u = dynamic_cast<P::UnitItemContext*>(item)) {
    out.unitRange = range(u->UNIT());
    auto e = node(ast::ExprKind::Aggregate, u->query());
    e->aggregate = ast::AggregateKind::Count;
    e->query = query(u->query());
    out.unit = std::move(e);
  } else if (auto* cs = dynamic_cast<P::CountStatusItemContext*>(item)) {
    ast::StatusSetDecl set;
    set.range = range(cs->COUNT());
    set.range.length = static_cast<int>(cs->STATUS()->getSymbol()->getStopIndex() -
                                        cs->COUNT()->getSymbol()->getStartIndex() + 1);
    for (P::StatusNameContext* name : cs->statusName()) {
      std::string text;
      if (name->STRING() != nullptr) {
        text = unquote(name->STRING()->getText());
      } else {
        for (P::StatusWordContext* word : name->statusWord())
          text += (text.empty() ? "" : "-") + word->getText();
      }
      set.names.push_back(std::move(text));
      set.nameRanges.push_back(range(name));
    }
    out.countedStatuses.push_back(std::move(set));
  } else if (auto* st = dynamic_cast<P::StratifyItemContext*>(item)) {
    out.stratifiers.push_back(stratifier(st->stratifier()));
  } else if (auto* b = dynamic_cast<P::BasedOnItemContext*>(item)) {
    out.basedOn.push_back({unquote(b->STRING()->getText()), range(b->STRING())});
  } else if (auto* e = dynamic_cast<P::EarnedOnItemContext*>(item)) {
    out.earnedOnRange = range(e->EARNED());
    out.earnedOn = expr(e->expr());
  }
}

ast::StratifierDecl AstBuilder::stratifier(P::StratifierContext* ctx) {
  ast::StratifierDecl out;
  out.range = range(ctx);
  if (ctx->SEX() != nullptr) {
    out.name = "sex";
  } else if (ctx->AGE() != nullptr) {
    out.name = ctx->ident() != nullptr ? "age " + ctx->ident()->getText() : "age";
  } else {
    out.name = ctx->ident()->getText();
  }
  for (P::AgeBandContext* band : ctx->ageBand()) {
    out.bands.push_back({integer(band->INT(0)), integer(band->INT(1)), range(band)});
  }
  return out;
}

// --- code sets ---------------------------------------------------------------

ast::CodesetExpr AstBuilder::codesetExpr(P::CodesetExprContext* ctx) {
  ast::CodesetExpr out;
  out.range = range(ctx);
  // Operators and terms alternate: term (op term)*.
  bool subtract = false;
  for (antlr4::tree::ParseTree* child : ctx->children) {
    if (auto* t = dynamic_cast<P::CodesetTermContext*>(child)) {
      ast::CodesetTerm term = codesetTerm(t);
      term.subtract = subtract;
      out.terms.push_back(std::move(term));
    } else if (auto* tok = dynamic_cast<antlr4::tree::TerminalNode*>(child)) {
      subtract = tok->getSymbol()->getType() == MeasureLexer::MINUS;
    }
  }
  return out;
}

ast::CodesetTerm AstBuilder::codesetTerm(P::CodesetTermContext* ctx) {
  ast::CodesetTerm out;
  out.range = range(ctx);
  if (auto* list = dynamic_cast<P::CodeListContext*>(ctx)) {
    out.kind = ast::CodesetTerm::Kind::List;
    const std::string open = list->CODES_OPEN()->getText();
    out.system = open.substr(0, open.size() - 1);
    out.range = range(list->CODES_OPEN());
    out.range.length = static_cast<int>(out.system.size());
    for (P::CodeItemContext* item : list->codeItem()) {
      ast::CodeItem code;
      code.lo = item->codeEnd(0)->getText();
      code.range = range(item->codeEnd(0));
      if (item->codeEnd().size() > 1) {
        code.hi = item->codeEnd(1)->getText();
        code.hiRange = range(item->codeEnd(1));
        code.range = range(item);
      }
      out.items.push_back(std::move(code));
    }
  } else if (auto* ref = dynamic_cast<P::CodesetRefContext*>(ctx)) {
    out.kind = ast::CodesetTerm::Kind::Ref;
    out.name = ref->ident()->getText();
  } else if (auto* paren = dynamic_cast<P::CodesetParenContext*>(ctx)) {
    out.kind = ast::CodesetTerm::Kind::Paren;
    out.inner = std::make_unique<ast::CodesetExpr>(codesetExpr(paren->codesetExpr()));
  } else if (auto* file = dynamic_cast<P::CodesetFileContext*>(ctx)) {
    out.kind = ast::CodesetTerm::Kind::File;
    out.path = unquote(file->STRING()->getText());
  }
  return out;
}

// --- expressions ---------------------------------------------------------------

ast::ExprPtr AstBuilder::node(ast::ExprKind kind, antlr4::ParserRuleContext* ctx) {
  auto e = std::make_unique<ast::Expr>();
  e->kind = kind;
  e->range = range(ctx);
  e->text = sourceText(ctx->getStart(), ctx->getStop());
  return e;
}

static ast::BinaryOp binaryOp(size_t tokenType) {
  switch (tokenType) {
    case MeasureLexer::PLUS: return ast::BinaryOp::Add;
    case MeasureLexer::MINUS: return ast::BinaryOp::Sub;
    case MeasureLexer::STAR: return ast::BinaryOp::Mul;
    case MeasureLexer::SLASH: return ast::BinaryOp::Div;
    case MeasureLexer::EQ: return ast::BinaryOp::Eq;
    case MeasureLexer::NE: return ast::BinaryOp::Ne;
    case MeasureLexer::LT: return ast::BinaryOp::Lt;
    case MeasureLexer::LE: return ast::BinaryOp::Le;
    case MeasureLexer::GT: return ast::BinaryOp::Gt;
    default: return ast::BinaryOp::Ge;
  }
}

// The operator of a binary expression context, or nullopt for any other.
static std::optional<ast::BinaryOp> binaryOpOf(P::ExprContext* ctx) {
  if (auto* m = dynamic_cast<P::MulExprContext*>(ctx)) return binaryOp(m->op->getType());
  if (auto* a = dynamic_cast<P::AddExprContext*>(ctx)) return binaryOp(a->op->getType());
  if (auto* c = dynamic_cast<P::CompareExprContext*>(ctx)) return binaryOp(c->op->getType());
  if (dynamic_cast<P::AndExprContext*>(ctx) != nullptr) return ast::BinaryOp::And;
  if (dynamic_cast<P::OrExprContext*>(ctx) != nullptr) return ast::BinaryOp::Or;
  return std::nullopt;
}

ast::ExprPtr AstBuilder::binaryChain(P::ExprContext* ctx) {
  // `a and b and c ...` parses left-deep; walk down the left operands with a
  // loop, not recursion, so a chain of 20,000 terms costs no stack. Right
  // operands are bounded by the nesting limit (NestingLimit.h).
  std::vector<P::ExprContext*> spine;
  P::ExprContext* leftmost = ctx;
  while (binaryOpOf(leftmost)) {
    spine.push_back(leftmost);
    leftmost = leftmost->getRuleContext<P::ExprContext>(0);
  }
  ast::ExprPtr left = expr(leftmost);
  for (auto it = spine.rbegin(); it != spine.rend(); ++it) {
    auto e = node(ast::ExprKind::Binary, *it);
    e->op = *binaryOpOf(*it);
    e->args.push_back(std::move(left));
    e->args.push_back(expr((*it)->getRuleContext<P::ExprContext>(1)));
    left = std::move(e);
  }
  return left;
}

ast::ExprPtr AstBuilder::expr(P::ExprContext* ctx) {
  using K = ast::ExprKind;
  if (auto* n = dynamic_cast<P::NotExprContext*>(ctx)) {
    auto e = node(K::Not, n);
    e->args.push_back(expr(n->expr()));
    return e;
  }
  if (binaryOpOf(ctx)) return binaryChain(ctx);
  if (auto* r = dynamic_cast<P::InRangeExprContext*>(ctx)) {
    auto e = node(K::InRange, r);
    for (P::ExprContext* part : r->expr()) e->args.push_back(expr(part));
    return e;
  }
  if (auto* m = dynamic_cast<P::MissingExprContext*>(ctx)) {
    auto e = node(K::IsMissing, m);
    e->boolValue = m->NOT() != nullptr;
    e->args.push_back(expr(m->expr()));
    return e;
  }
  auto* t = dynamic_cast<P::TermExprContext*>(ctx);
  return term(t->term());
}

ast::ExprPtr AstBuilder::term(P::TermContext* ctx) {
  using K = ast::ExprKind;
  if (auto* a = dynamic_cast<P::AgeTermContext*>(ctx)) {
    auto e = node(K::Age, a);
    e->boolValue = a->MONTHS() != nullptr;
    e->args.push_back(postfix(a->postfix()));
    return e;
  }
  if (auto* en = dynamic_cast<P::EnrolledOverTermContext*>(ctx)) {
    auto e = node(K::EnrolledOver, en);
    e->args.push_back(postfix(en->postfix()));
    if (en->ALLOWING() != nullptr) {
      e->gapCount = integer(en->INT(0));
      e->gapDays = integer(en->INT(1));
      if (en->EACH() != nullptr) e->gapPeriodMonths = integer(en->INT(2));
    }
    return e;
  }
  if (auto* on = dynamic_cast<P::EnrolledOnTermContext*>(ctx)) {
    auto e = node(K::EnrolledOn, on);
    e->args.push_back(postfix(on->postfix()));
    return e;
  }
  if (auto* ex = dynamic_cast<P::ExistsTermContext*>(ctx)) {
    auto e = node(K::Aggregate, ex);
    e->aggregate = ast::AggregateKind::Exists;
    e->query = query(ex->query());
    return e;
  }
  if (auto* c = dynamic_cast<P::CountTermContext*>(ctx)) {
    auto e = node(K::Aggregate, c);
    e->aggregate = c->DISTINCT() != nullptr ? ast::AggregateKind::CountDistinctDates
                                            : ast::AggregateKind::Count;
    e->query = query(c->query());
    return e;
  }
  if (auto* p = dynamic_cast<P::PickTermContext*>(ctx)) {
    auto e = node(K::Aggregate, p);
    const bool latest = p->LATEST() != nullptr;
    const bool value = p->VALUE() != nullptr;
    e->aggregate = latest
                       ? (value ? ast::AggregateKind::LatestValue : ast::AggregateKind::LatestDate)
                       : (value ? ast::AggregateKind::FirstValue : ast::AggregateKind::FirstDate);
    e->query = query(p->query());
    return e;
  }
  if (auto* lt = dynamic_cast<P::LatestTimeTermContext*>(ctx)) {
    auto e = node(K::Aggregate, lt);
    e->aggregate = ast::AggregateKind::LatestTime;
    e->query = query(lt->query());
    return e;
  }
  if (auto* le = dynamic_cast<P::LatestEndTermContext*>(ctx)) {
    auto e = node(K::Aggregate, le);
    e->aggregate = ast::AggregateKind::LatestEnd;
    e->query = query(le->query());
    return e;
  }
  if (auto* x = dynamic_cast<P::ExtremeTermContext*>(ctx)) {
    auto e = node(K::Aggregate, x);
    e->aggregate =
        x->LOWEST() != nullptr ? ast::AggregateKind::LowestValue : ast::AggregateKind::HighestValue;
    e->query = query(x->query());
    return e;
  }
  if (auto* s = dynamic_cast<P::SumTermContext*>(ctx)) {
    auto e = node(K::Aggregate, s);
    e->aggregate = ast::AggregateKind::Sum;
    e->name = s->field->getText();
    e->nameRange = range(s->field);
    e->query = query(s->query());
    return e;
  }
  if (auto* nth = dynamic_cast<P::NthDateTermContext*>(ctx)) {
    auto e = node(K::Aggregate, nth);
    e->aggregate = ast::AggregateKind::NthDate;
    e->intValue = ordinal(nth->ORDINAL());
    e->query = query(nth->query());
    return e;
  }
  if (auto* sp = dynamic_cast<P::SpacedDatesTermContext*>(ctx)) {
    auto e = node(K::Aggregate, sp);
    e->aggregate = ast::AggregateKind::CountSpacedDates;
    e->intValue = integer(sp->INT());
    e->nameRange = range(sp->INT());
    e->query = query(sp->query());
    return e;
  }
  if (auto* pdc = dynamic_cast<P::PdcTermContext*>(ctx)) {
    auto e = node(K::Aggregate, pdc);
    e->aggregate = ast::AggregateKind::Pdc;
    e->query = query(pdc->query());
    return e;
  }
  if (auto* es = dynamic_cast<P::EnrollmentStartTermContext*>(ctx)) {
    auto e = node(K::EnrollmentStart, es);
    e->args.push_back(postfix(es->postfix()));
    return e;
  }
  if (auto* ed = dynamic_cast<P::EnrolledDaysTermContext*>(ctx)) {
    auto e = node(K::EnrolledDays, ed);
    e->args.push_back(postfix(ed->postfix()));
    return e;
  }
  if (auto* mt = dynamic_cast<P::MemberTimeTermContext*>(ctx)) {
    auto e = node(mt->YEARS() != nullptr ? K::MemberYears : K::MemberMonths, mt);
    e->args.push_back(postfix(mt->postfix()));
    return e;
  }
  if (auto* n = dynamic_cast<P::NegTermContext*>(ctx)) {
    auto e = node(K::Neg, n);
    e->args.push_back(term(n->term()));
    return e;
  }
  auto* p = dynamic_cast<P::PostfixTermContext*>(ctx);
  return postfix(p->postfix());
}

// The English ordinal suffix of n: 1st, 2nd, 3rd, 4th ... 11th, 12th, 13th, 21st.
static const char* ordinalSuffix(std::int64_t n) {
  if (n % 100 >= 11 && n % 100 <= 13) return "th";
  switch (n % 10) {
    case 1: return "st";
    case 2: return "nd";
    case 3: return "rd";
    default: return "th";
  }
}

// `2nd date of`: the suffix must be the one English writes for n, and n
// counts from 1 (E0008). Reads as 1 after an error.
std::int64_t AstBuilder::ordinal(antlr4::tree::TerminalNode* node) {
  const std::string text = node->getText();
  const size_t digits = text.find_first_not_of("0123456789");
  const std::string written = text.substr(digits);
  std::int64_t n = 0;
  const auto [end, ec] = std::from_chars(text.data(), text.data() + digits, n);
  if (digits > 9 || ec != std::errc() || end != text.data() + digits) {
    diags_.error("E0004", range(node), "the number " + abbreviated(text) + " is too large",
                 "integers in measures are at most 999999999");
    return 1;
  }
  if (n < 1) {
    diags_.error("E0008", range(node),
                 fmt::format("there is no {} date: dates count from 1st", text),
                 "write '1st date of' (the first date) or a larger n");
    return 1;
  }
  const std::string right = ordinalSuffix(n);
  if (written != right) {
    diags_.error("E0008", range(node), fmt::format("'{}' is not an ordinal number", text),
                 fmt::format("write '{}{} date of'", n, right));
  }
  return n;
}

ast::ExprPtr AstBuilder::postfix(P::PostfixContext* ctx) {
  ast::ExprPtr e = primary(ctx->primary());
  for (P::MemberNameContext* m : ctx->memberName()) {
    auto access = std::make_unique<ast::Expr>();
    access->kind = ast::ExprKind::Member;
    access->range = e->range;
    const SourceRange nameRange = range(m);
    if (nameRange.line == access->range.line)
      access->range.length = nameRange.column + nameRange.length - access->range.column;
    access->name = m->getText();
    access->nameRange = nameRange;
    access->text = sourceText(ctx->getStart(), m->getStop());
    access->args.push_back(std::move(e));
    e = std::move(access);
  }
  return e;
}

ast::ExprPtr AstBuilder::primary(P::PrimaryContext* ctx) {
  using K = ast::ExprKind;
  if (auto* d = dynamic_cast<P::DurationLitContext*>(ctx)) {
    auto e = node(K::Duration, d);
    e->intValue = integer(d->INT());
    P::UnitContext* u = d->unit();
    e->unit = (u->DAY() || u->DAYS())       ? ast::DurationUnit::Days
              : (u->MONTH() || u->MONTHS()) ? ast::DurationUnit::Months
                                            : ast::DurationUnit::Years;
    return e;
  }
  if (auto* i = dynamic_cast<P::IntLitContext*>(ctx)) {
    auto e = node(K::Int, i);
    e->intValue = integer(i->INT());
    return e;
  }
  if (auto* q = dynamic_cast<P::QuantityLitContext*>(ctx)) {
    auto e = node(K::Quantity, q);
    e->numberValue = q->INT() != nullptr ? number(q->INT()) : number(q->NUMBER());
    const std::string quoted = q->UNIT_TEXT()->getText();
    e->name = quoted.substr(1, quoted.size() - 2);
    e->nameRange = range(q->UNIT_TEXT());
    return e;
  }
  if (auto* n = dynamic_cast<P::NumberLitContext*>(ctx)) {
    auto e = node(K::Number, n);
    e->numberValue = number(n->NUMBER());
    return e;
  }
  if (auto* d = dynamic_cast<P::DateLitContext*>(ctx)) {
    auto e = node(K::Date, d);
    e->dateValue = date(d->DATE());
    return e;
  }
  if (auto* b = dynamic_cast<P::BoolLitContext*>(ctx)) {
    auto e = node(K::Bool, b);
    e->boolValue = b->TRUE() != nullptr;
    return e;
  }
  if (auto* c = dynamic_cast<P::CallExprContext*>(ctx)) {
    auto e = node(K::Call, c);
    e->name = c->ident() != nullptr ? c->ident()->getText() : "date";
    e->nameRange = c->ident() != nullptr ? range(c->ident()) : range(c->DATE_KW());
    for (P::ExprContext* arg : c->expr()) e->args.push_back(expr(arg));
    return e;
  }
  if (auto* s = dynamic_cast<P::SexRefContext*>(ctx)) return node(K::Sex, s);
  if (auto* n = dynamic_cast<P::NameRefContext*>(ctx)) {
    auto e = node(K::Name, n);
    e->name = n->getText();
    e->nameRange = e->range;
    return e;
  }
  if (auto* iv = dynamic_cast<P::IntervalLitContext*>(ctx)) {
    auto e = node(K::Interval, iv);
    e->args.push_back(expr(iv->expr(0)));
    e->args.push_back(expr(iv->expr(1)));
    return e;
  }
  auto* paren = dynamic_cast<P::ParenExprContext*>(ctx);
  ast::ExprPtr inner = expr(paren->expr());
  inner->range = range(paren);
  return inner;
}

std::unique_ptr<ast::Query> AstBuilder::query(P::QueryContext* ctx) {
  auto q = std::make_unique<ast::Query>();
  q->kind = ctx->eventKind()->getText();
  q->kindRange = range(ctx->eventKind());
  q->range = range(ctx);
  if (ctx->alias != nullptr) {
    q->alias = ctx->alias->getText();
    q->aliasRange = range(ctx->alias);
  }
  for (P::FilterContext* f : ctx->filter()) {
    ast::Filter filter;
    filter.range = range(f);
    if (auto* sl = dynamic_cast<P::SlotFilterContext*>(f)) {
      filter.kind = ast::FilterKind::Slot;
      filter.slot = static_cast<CodeSlot>(codeSlotIndex(sl->slotName()->getText()));
      filter.slotRange = range(sl->slotName());
      filter.codes = std::make_unique<ast::CodesetTerm>(codesetTerm(sl->codesetTerm()));
    } else if (auto* any = dynamic_cast<P::AnySlotFilterContext*>(f)) {
      filter.kind = ast::FilterKind::Slot;
      filter.slot = static_cast<CodeSlot>(codeSlotIndex(any->slotName()->getText()));
      filter.slotRange = range(any->slotName());
    } else if (auto* w = dynamic_cast<P::WithFilterContext*>(f)) {
      filter.kind = ast::FilterKind::With;
      filter.codes = std::make_unique<ast::CodesetTerm>(codesetTerm(w->codesetTerm()));
    } else if (auto* d = dynamic_cast<P::DuringFilterContext*>(f)) {
      filter.kind = ast::FilterKind::During;
      filter.operand = postfix(d->postfix());
    } else if (auto* b = dynamic_cast<P::OnOrBeforeFilterContext*>(f)) {
      filter.kind = ast::FilterKind::OnOrBefore;
      filter.operand = postfix(b->postfix());
    } else if (auto* a = dynamic_cast<P::OnOrAfterFilterContext*>(f)) {
      filter.kind = ast::FilterKind::OnOrAfter;
      filter.operand = postfix(a->postfix());
    } else if (auto* b2 = dynamic_cast<P::BeforeFilterContext*>(f)) {
      filter.kind = ast::FilterKind::Before;
      filter.operand = postfix(b2->postfix());
    } else if (auto* a2 = dynamic_cast<P::AfterFilterContext*>(f)) {
      filter.kind = ast::FilterKind::After;
      filter.operand = postfix(a2->postfix());
    } else if (auto* s = dynamic_cast<P::SettingFilterContext*>(f)) {
      filter.kind = ast::FilterKind::Setting;
      for (P::IdentContext* id : s->ident()) {
        filter.settings.push_back(id->getText());
        filter.settingRanges.push_back(range(id));
      }
    } else if (dynamic_cast<P::ByPcpFilterContext*>(f) != nullptr) {
      filter.kind = ast::FilterKind::ByPcp;
    } else if (auto* v = dynamic_cast<P::ValueFilterContext*>(f)) {
      filter.kind = ast::FilterKind::Value;
      filter.op = binaryOp(v->op->getType());
      filter.operand = term(v->term());
    } else if (auto* bp = dynamic_cast<P::ByProviderFilterContext*>(f)) {
      filter.kind = ast::FilterKind::ByProvider;
      filter.operand = postfix(bp->postfix());
    } else if (auto* wh = dynamic_cast<P::WhereFilterContext*>(f)) {
      filter.kind = ast::FilterKind::Where;
      filter.operand = expr(wh->expr());
    }
    q->filters.push_back(std::move(filter));
  }
  return q;
}

}  // namespace mc::parse
