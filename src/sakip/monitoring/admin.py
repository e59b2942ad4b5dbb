from django.contrib import admin

from sakip.monitoring import models


@admin.register(models.IndicatorRealisation)
class IndicatorRealisationAdmin(admin.ModelAdmin):
    list_display = ["indicator", "year", "period", "value", "level"]
    list_filter = ["year", "period", "indicator__strategic_plan__agency"]
    search_fields = ["indicator__name"]


@admin.register(models.SpendingRealisation)
class SpendingRealisationAdmin(admin.ModelAdmin):
    list_display = ["line", "period", "amount", "physical_progress"]
    list_filter = ["period", "line__work_plan__agency"]
    search_fields = ["line__code", "line__name"]


class ComponentInline(admin.TabularInline):
    model = models.SakipComponentScore
    extra = 0


class RecommendationInline(admin.StackedInline):
    model = models.SakipRecommendation
    extra = 0


@admin.register(models.SakipEvaluation)
class SakipEvaluationAdmin(admin.ModelAdmin):
    list_display = ["agency", "year", "score", "evaluator"]
    inlines = [ComponentInline, RecommendationInline]


@admin.register(models.PerformanceReport)
class PerformanceReportAdmin(admin.ModelAdmin):
    list_display = ["agency", "year", "published_at"]


@admin.register(models.SpmResult)
class SpmResultAdmin(admin.ModelAdmin):
    list_display = ["number", "service", "year", "served", "required", "reported_achievement", "target", "agency"]
    list_filter = ["agency__region", "year"]
    search_fields = ["service"]
