-- Row-level security as the backstop behind the tenant-scoped Prisma client (src/db/tenant-session.ts).
--
-- Work done for one tenant runs as the role eldercare_tenant (NOLOGIN, not the owner, no BYPASSRLS)
-- with app.tenant_id set; every table with a "tenantId" column lets it see and write only that
-- tenant's rows, and "Tenant" only its own row. The login role (the owner, which runs migrations)
-- keeps cross-tenant work: schedulers, housekeeping, sign-in by token hash.

DO $$
BEGIN
  IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'eldercare_tenant') THEN
    CREATE ROLE eldercare_tenant NOLOGIN NOSUPERUSER NOBYPASSRLS NOINHERIT;
  END IF;
EXCEPTION WHEN duplicate_object OR unique_violation THEN
  NULL; -- another database on this server created it at the same moment (roles are per server)
END $$;

DO $$
BEGIN
  -- The login role must be able to SET ROLE to it (a superuser always can).
  IF NOT pg_has_role(current_user, 'eldercare_tenant', 'MEMBER') THEN
    EXECUTE format('GRANT eldercare_tenant TO %I', current_user);
  END IF;
EXCEPTION WHEN unique_violation OR internal_error THEN
  NULL; -- granted concurrently by another database's migration
END $$;

-- Idempotent: grants the role what tenant work needs and puts the tenant policy on every table
-- with a "tenantId" column. Called here and after every deploy (src/db/migrate.ts), so a table a
-- later migration adds is covered without anyone remembering to.
CREATE OR REPLACE FUNCTION eldercare_apply_rls() RETURNS void LANGUAGE plpgsql AS $fn$
DECLARE
  t record;
  tenant_check text := '"tenantId" = NULLIF(current_setting(''app.tenant_id'', true), '''')::uuid';
BEGIN
  EXECUTE format('GRANT USAGE ON SCHEMA %I TO eldercare_tenant', current_schema());
  EXECUTE format('GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA %I TO eldercare_tenant', current_schema());
  FOR t IN
    SELECT c.relname, EXISTS (
      SELECT 1 FROM pg_attribute a WHERE a.attrelid = c.oid AND a.attname = 'tenantId' AND NOT a.attisdropped
    ) AS scoped
    FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
    WHERE n.nspname = current_schema() AND c.relkind IN ('r', 'p') AND c.relname <> '_prisma_migrations'
  LOOP
    EXECUTE format('GRANT SELECT, INSERT, UPDATE, DELETE ON %I TO eldercare_tenant', t.relname);
    IF t.scoped THEN
      EXECUTE format('ALTER TABLE %I ENABLE ROW LEVEL SECURITY', t.relname);
      IF NOT EXISTS (SELECT 1 FROM pg_policies WHERE schemaname = current_schema() AND tablename = t.relname AND policyname = 'tenant_isolation') THEN
        EXECUTE format('CREATE POLICY tenant_isolation ON %I USING (%s) WITH CHECK (%s)', t.relname, tenant_check, tenant_check);
      END IF;
    END IF;
  END LOOP;
  ALTER TABLE "Tenant" ENABLE ROW LEVEL SECURITY;
  IF NOT EXISTS (SELECT 1 FROM pg_policies WHERE schemaname = current_schema() AND tablename = 'Tenant' AND policyname = 'tenant_isolation') THEN
    CREATE POLICY tenant_isolation ON "Tenant"
      USING ("id" = NULLIF(current_setting('app.tenant_id', true), '')::uuid)
      WITH CHECK ("id" = NULLIF(current_setting('app.tenant_id', true), '')::uuid);
  END IF;
END
$fn$;

SELECT eldercare_apply_rls();
