"""compliance_overhead: compliance cost against development cost, per category and per region."""

from __future__ import annotations

from pydantic import BaseModel, Field, model_validator

from tools import fmt
from tools.catalog import Catalog
from tools.result import CalcInput, ToolResult, finite, parse_input, q
from tools.units import Fraction

__all__ = ["DEFAULT_REGION_MULTIPLIER", "ComplianceCategory", "ComplianceInput",
           "ComplianceResult", "compliance_overhead"]

DEFAULT_REGION_MULTIPLIER = 0.25
"""Share of the compliance cost added for each extra region with its own model version."""

_COMPLIANCE = {
    "regulatory_compliance_usd": "regulatory compliance (documentation, audits, region models)",
    "response_verification_usd": "response verification (monitoring, filters, error insurance)",
    "user_training_usd": "user training (change management, responsible use)",
}
_TECHNOLOGY = "technology (data, GPUs, servers, cloud)"


class ComplianceInput(CalcInput):
    """Development and compliance costs, as totals or by the seed's four cost categories."""

    development_cost_usd: float | None = Field(None, gt=0, le=1e13, examples=[150_000],
                                               description="Development (R&D) cost, USD.",
                                               json_schema_extra={"var": "development_cost"})
    compliance_cost_usd: float | None = Field(None, ge=0, le=1e13, examples=[344_000],
                                              description="Total compliance cost, USD (or give "
                                                          "the breakdown).",
                                                          json_schema_extra={"var": "compliance_cost"})
    technology_usd: float | None = Field(None, ge=0, le=1e13, description="Technology cost: "
                                         "data, GPUs, servers, cloud (development side), USD.",
                                         json_schema_extra={"var": "technology_cost"})
    regulatory_compliance_usd: float | None = Field(None, ge=0, le=1e13, description="Documents,"
                                                    " audits, certifications, legal, USD.",
                                                    json_schema_extra={"var": "regulatory_cost"})
    response_verification_usd: float | None = Field(None, ge=0, le=1e13, description="Output "
                                                    "monitoring, content filters, insurance, USD.",
                                                    json_schema_extra={"var": "verification_cost"})
    user_training_usd: float | None = Field(None, ge=0, le=1e13,
                                            description="Change management and training, USD.",
                                            json_schema_extra={"var": "training_cost"})
    extra_regions: int = Field(0, ge=0, le=1000, examples=[2],
                               description="Extra regions that each need their own model version.",
                               json_schema_extra={"var": "extra_regions"})
    region_multiplier: Fraction = Field(DEFAULT_REGION_MULTIPLIER, ge=0, le=10, examples=["25%"],
                                        description="Share of the compliance cost added per extra "
                                                    "region (default 25%).",
                                                    json_schema_extra={"var": "region_multiplier"})

    @model_validator(mode="after")
    def _check(self) -> ComplianceInput:
        breakdown = [n for n in _COMPLIANCE if getattr(self, n) is not None]
        if self.compliance_cost_usd is None and not breakdown:
            raise ValueError("give compliance_cost_usd (e.g. '$344,000') or a breakdown: "
                             "regulatory_compliance_usd, response_verification_usd, "
                             "user_training_usd")
        if self.compliance_cost_usd is not None and breakdown:
            raise ValueError(f"give compliance_cost_usd or the breakdown ({', '.join(breakdown)}),"
                             " not both: the total would count them twice")
        if self.development_cost_usd is None and not self.technology_usd:
            raise ValueError("give development_cost_usd above 0 (e.g. '$150,000'), or "
                             "technology_usd above 0 as the development cost")
        return self


class ComplianceCategory(BaseModel):
    """One line of the cost table."""

    category: str
    side: str = Field(description="development or compliance.")
    cost_usd: float
    share_of_total: float = Field(description="Cost / (development + compliance), a fraction.")


class ComplianceResult(ToolResult):
    """Compliance overhead as a multiple and a share of the total, before and after regions."""

    development_cost_usd: float
    compliance_cost_usd: float
    total_cost_usd: float = Field(description="Development + compliance, USD.")
    compliance_ratio: float = Field(description="Compliance / development (2.3 = 2.3x).",
                                    json_schema_extra={"var": "compliance_ratio"})
    compliance_share: float = Field(description="Compliance / total, a fraction.",
                                    json_schema_extra={"var": "compliance_share"})
    categories: list[ComplianceCategory]
    region_adjusted_compliance_usd: float = Field(json_schema_extra={"var": "region_compliance_cost"})
    region_adjusted_total_usd: float
    region_adjusted_ratio: float = Field(json_schema_extra={"var": "region_compliance_ratio"})
    region_adjusted_share: float = Field(json_schema_extra={"var": "region_compliance_share"})


def _table(inp: ComplianceInput, dev: float, comp: float) -> list[tuple[str, str, float]]:
    rows = []
    if inp.development_cost_usd is not None:
        rows.append(("development", "development", dev))
    elif inp.technology_usd is not None:
        rows.append((_TECHNOLOGY, "development", dev))
    if inp.compliance_cost_usd is not None:
        rows.append(("compliance", "compliance", comp))
    rows += [(label, "compliance", getattr(inp, n)) for n, label in _COMPLIANCE.items()
             if getattr(inp, n) is not None]
    return rows


def compliance_overhead(data: ComplianceInput | dict,
                        catalog: Catalog | None = None) -> ComplianceResult:
    """Compliance overhead: compliance cost as a multiple and a share of development cost.

    Ratio = compliance / development; share = compliance / (compliance + development);
    region-adjusted compliance = compliance x (1 + extra regions x region multiplier).

    Args:
        data: development_cost_usd (or technology_usd as the development cost) and
            compliance_cost_usd, or its breakdown regulatory_compliance_usd,
            response_verification_usd, user_training_usd; extra_regions that each need their
            own model version and region_multiplier (default 25% of compliance per region).
        catalog: unused; accepted so every calculator has the same signature.
    """
    inp = parse_input(ComplianceInput, data)
    breakdown = inp.compliance_cost_usd is None
    comp = sum(getattr(inp, n) or 0.0 for n in _COMPLIANCE) if breakdown \
        else inp.compliance_cost_usd or 0.0
    dev = inp.development_cost_usd if inp.development_cost_usd is not None \
        else inp.technology_usd or 0.0
    total = dev + comp
    ratio, share = comp / dev, comp / total
    uplift = 1 + inp.extra_regions * inp.region_multiplier
    comp_r = finite(comp * uplift, "region_adjusted_compliance_usd")
    assumptions = []
    if breakdown or inp.technology_usd is not None:
        assumptions.append("Of the four AI cost categories (technology, regulatory compliance, "
                           "response verification, user training), technology is development "
                           "cost and the other three are compliance overhead.")
    if inp.development_cost_usd is None:
        assumptions.append("No development_cost_usd was given: the technology cost is the "
                           "development cost.")
    elif inp.technology_usd is not None:
        assumptions.append("development_cost_usd was given, so the technology cost is taken to "
                           "be part of it and is not added again.")
    formula = (f"ratio = compliance / development = {fmt.money(comp)} / {fmt.money(dev)} = "
               f"{fmt.ratio(ratio)}; share = compliance / (compliance + development) = "
               f"{fmt.money(comp)} / {fmt.money(total)} = {fmt.pct(share)}")
    if breakdown:
        parts = " + ".join(fmt.money(getattr(inp, n)) for n in _COMPLIANCE
                           if getattr(inp, n) is not None)
        formula = f"compliance = {parts} = {fmt.money(comp)}; " + formula
    headline = (f"Compliance costs {fmt.ratio(ratio)} the development cost ({fmt.money(comp)} vs "
                f"{fmt.money(dev)}), {fmt.pct(share)} of the {fmt.money(total)} total.")
    inputs = {"development_cost_usd": q(dev, "USD"), "compliance_cost_usd": q(comp, "USD")}
    if inp.extra_regions:
        inputs["extra_regions"] = q(inp.extra_regions, "regions")
        inputs["region_multiplier"] = q(inp.region_multiplier * 100, "% of compliance per region")
        formula += (f"; region-adjusted compliance = {fmt.money(comp)} x (1 + {inp.extra_regions}"
                    f" x {fmt.pct(inp.region_multiplier)}) = {fmt.money(comp_r)}; region-adjusted share = "
                    f"{fmt.money(comp_r)} / {fmt.money(dev + comp_r)} = {fmt.pct(comp_r / (dev + comp_r))}")
        headline = headline[:-1] + (f"; with {inp.extra_regions} extra region(s) compliance "
                                    f"grows to {fmt.money(comp_r)} "
                                    f"({fmt.ratio(comp_r / dev)} development, "
                                    f"{fmt.pct(comp_r / (dev + comp_r))} of the {fmt.money(dev + comp_r)} total).")
        how = ("the default" if inp.region_multiplier == DEFAULT_REGION_MULTIPLIER else "as given")
        assumptions.append(f"Each extra region with its own model version adds "
                           f"{fmt.pct(inp.region_multiplier)} of the compliance cost ({how}).")
    rows = [ComplianceCategory(category=c, side=s, cost_usd=v, share_of_total=v / total)
            for c, s, v in _table(inp, dev, comp)]
    return ComplianceResult(
        tool="compliance_overhead", headline=headline, formula=formula, inputs=inputs,
        assumptions=assumptions, development_cost_usd=dev, compliance_cost_usd=comp,
        total_cost_usd=total, compliance_ratio=ratio, compliance_share=share, categories=rows,
        region_adjusted_compliance_usd=comp_r, region_adjusted_total_usd=dev + comp_r,
        region_adjusted_ratio=comp_r / dev, region_adjusted_share=comp_r / (dev + comp_r),
    )
