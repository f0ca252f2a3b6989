-- Press releases, directives and documents, with PDF attachments kept in the database (bytea),
-- so every node of a cluster serves them and a backup of the database holds them.
CREATE TABLE announcements (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  kind text NOT NULL CHECK (kind IN ('press_release', 'directive', 'decision', 'notice', 'document')),
  title text NOT NULL,
  body_markdown text NOT NULL DEFAULT '',
  -- rendered and sanitised when saved
  body_html text NOT NULL DEFAULT '',
  -- title, number, issuing body and body folded (lower case, no diacritics) for search
  search_text text NOT NULL DEFAULT '',
  issuing_body text NOT NULL,
  document_number text,
  document_date date,
  unit_code text NOT NULL REFERENCES units (code),
  status text NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'published', 'withdrawn')),
  published_at timestamptz,
  withdrawn_at timestamptz,
  withdrawn_reason text,
  -- no foreign key: the system actor of CLI imports has no user row; the audit log names them
  created_by uuid,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  CHECK (status = 'draft' OR published_at IS NOT NULL),
  CHECK ((status = 'withdrawn') = (withdrawn_at IS NOT NULL))
);
CREATE INDEX announcements_published_idx ON announcements (published_at DESC) WHERE status <> 'draft';
CREATE INDEX announcements_unit_idx ON announcements (unit_code);
CREATE INDEX announcements_search_idx ON announcements USING gin (search_text gin_trgm_ops);

CREATE TABLE announcement_attachments (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  announcement_id uuid NOT NULL REFERENCES announcements (id) ON DELETE CASCADE,
  filename text NOT NULL,
  size_bytes integer NOT NULL CHECK (size_bytes > 0),
  sha256 text NOT NULL,
  content bytea NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX announcement_attachments_idx ON announcement_attachments (announcement_id);
