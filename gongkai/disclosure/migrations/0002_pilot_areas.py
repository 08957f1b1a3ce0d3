"""The 26 pilot areas of 基层政务公开标准化规范化 (国办发〔2019〕54号; spec §5.1), as
editable labels, and the (empty) standard catalog."""

from django.db import migrations

PILOT_AREAS = [
    "重大建设项目", "公共资源交易", "财政预决算", "安全生产", "税收管理", "城乡规划",
    "农村集体土地征收", "国有土地上房屋征收与补偿", "保障性住房", "农村危房改造", "市政服务",
    "城市综合执法", "生态环境", "公共文化服务", "公共法律服务", "扶贫", "救灾", "食品药品监管",
    "就业", "社会保险", "社会救助", "养老服务", "户籍管理", "涉农补贴", "义务教育", "卫生健康",
]


def seed(apps, schema_editor):
    PilotArea = apps.get_model("disclosure", "PilotArea")
    Catalog = apps.get_model("disclosure", "Catalog")
    for number, name in enumerate(PILOT_AREAS, start=1):
        PilotArea.objects.get_or_create(number=number, defaults={"name": name})
    if not Catalog.objects.filter(organization__isnull=True).exists():
        Catalog.objects.create(organization=None)


def unseed(apps, schema_editor):
    apps.get_model("disclosure", "PilotArea").objects.all().delete()


class Migration(migrations.Migration):
    dependencies = [("disclosure", "0001_initial")]

    operations = [migrations.RunPython(seed, unseed)]
