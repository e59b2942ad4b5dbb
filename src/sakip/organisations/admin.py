from django.contrib import admin

from sakip.organisations import models


class RegionHeadInline(admin.TabularInline):
    model = models.RegionHead
    extra = 0


@admin.register(models.Region)
class RegionAdmin(admin.ModelAdmin):
    list_display = ["name", "kind", "province_name", "lower_is_better_method", "achievement_scale"]
    search_fields = ["name", "code"]
    inlines = [RegionHeadInline]
    fieldsets = [
        (None, {"fields": ["code", "name", "kind", "province_name", "capital"]}),
        ("Cara mengukur dan menyajikan", {"fields": [
            "lower_is_better_method", "achievement_scale", "average_cap",
            "absorption_threshold", "forecast_jump_factor", "paper_size",
        ]}),
    ]


class OfficialInline(admin.TabularInline):
    model = models.Official
    extra = 0


@admin.register(models.Agency)
class AgencyAdmin(admin.ModelAdmin):
    list_display = ["name", "code", "region"]
    list_filter = ["region"]
    search_fields = ["name", "code", "short_name"]
    inlines = [OfficialInline]


@admin.register(models.Membership)
class MembershipAdmin(admin.ModelAdmin):
    list_display = ["user", "role", "region", "agency"]
    list_filter = ["role", "region"]
    search_fields = ["user__username", "agency__name"]


@admin.register(models.StaffCount)
class StaffCountAdmin(admin.ModelAdmin):
    list_display = ["agency", "year", "group", "education", *models.StaffCount.COUNT_FIELDS]
    list_filter = ["agency", "year"]
    search_fields = ["education", "group"]
