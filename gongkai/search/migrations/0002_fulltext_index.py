"""The database-specific full-text index (FTS5 table or tsvector table with GIN index)."""

from django.db import migrations


def create_index(apps, schema_editor):
    from gongkai.search.api import backend

    with schema_editor.connection.cursor() as cursor:
        backend().create_index(cursor)


def drop_index(apps, schema_editor):
    from gongkai.search.api import backend

    with schema_editor.connection.cursor() as cursor:
        backend().drop_index(cursor)


class Migration(migrations.Migration):
    dependencies = [("search", "0001_initial")]

    operations = [migrations.RunPython(create_index, drop_index)]
