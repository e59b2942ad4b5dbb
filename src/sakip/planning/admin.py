from django.contrib import admin

from sakip.planning import models


@admin.register(models.NomenclatureEdition)
class EditionAdmin(admin.ModelAdmin):
    list_display = ["name", "year", "regulation"]


@admin.register(models.NomenclatureEntry)
class EntryAdmin(admin.ModelAdmin):
    list_display = ["code", "level", "name", "edition"]
    list_filter = ["edition", "level"]
    search_fields = ["code", "name"]


class FundingInline(admin.TabularInline):
    model = models.RenstraFunding
    extra = 0


class GoalInline(admin.StackedInline):
    model = models.Goal
    extra = 0


@admin.register(models.StrategicPlan)
class StrategicPlanAdmin(admin.ModelAdmin):
    list_display = ["name", "agency", "start_year", "end_year"]
    list_filter = ["agency__region"]
    inlines = [GoalInline, FundingInline]


class TargetInline(admin.TabularInline):
    model = models.IndicatorTarget
    extra = 0


@admin.register(models.Indicator)
class IndicatorAdmin(admin.ModelAdmin):
    list_display = ["name", "subject", "code", "unit", "polarity", "aggregation", "is_key"]
    list_filter = ["strategic_plan__agency", "subject", "is_key", "polarity"]
    search_fields = ["name", "code"]
    inlines = [TargetInline]


class AllocationInline(admin.TabularInline):
    model = models.BudgetAllocation
    extra = 0


@admin.register(models.WorkPlanLine)
class WorkPlanLineAdmin(admin.ModelAdmin):
    list_display = ["code", "name", "level", "work_plan"]
    list_filter = ["work_plan__agency", "work_plan__year", "level"]
    search_fields = ["code", "name"]
    inlines = [AllocationInline]


@admin.register(models.WorkPlan)
class WorkPlanAdmin(admin.ModelAdmin):
    list_display = ["agency", "year", "edition"]


class AgreementItemInline(admin.TabularInline):
    model = models.AgreementItem
    extra = 0


class AgreementProgramInline(admin.TabularInline):
    model = models.AgreementProgram
    extra = 0


@admin.register(models.PerformanceAgreement)
class AgreementAdmin(admin.ModelAdmin):
    list_display = ["agency", "year", "version", "signed_on"]
    inlines = [AgreementItemInline, AgreementProgramInline]


@admin.register(models.Narrative)
class NarrativeAdmin(admin.ModelAdmin):
    list_display = ["agency", "year", "document", "section", "updated_at"]
    list_filter = ["document", "agency"]


@admin.register(models.CommunityProposal)
class CommunityProposalAdmin(admin.ModelAdmin):
    list_display = ["proposal", "source", "location", "estimated_cost", "status", "agency", "year"]
    list_filter = ["agency__region", "year", "source", "status"]
    search_fields = ["proposal", "location", "source_detail", "line_code"]
