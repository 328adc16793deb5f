-- The document library (文件库), its interpretations (解读), files, 三同步 exemptions and the
-- government gazette's issues (政府公报) — issue 11 part 2, docs/decisions/043-document-library.md.
--
-- A document is known by its number (发文字号, GB/T 9704—2012 7.2.4): one organ code, one year,
-- one serial. Its disclosure attribute (公开属性) is NULL until it is known: the gazette's 附注
-- said nothing the library understands, and a person must decide (待确认). Nothing is published
-- while it is NULL (the CHECK below holds that even against a careless UPDATE).
CREATE TABLE documents (
  id serial PRIMARY KEY,
  number text NOT NULL,
  organ_code text NOT NULL,
  year integer NOT NULL CHECK (year BETWEEN 1949 AND 2200),
  serial integer NOT NULL CHECK (serial > 0),
  -- 索引号: organ code / year - five-digit serial (decision 043).
  index_number text NOT NULL UNIQUE,
  organ text,
  title text NOT NULL,
  date_written date,
  published_on date,
  published_by integer REFERENCES users (id),
  disclosure text CHECK (disclosure IN ('public', 'on_request', 'not_public')),
  disclosure_reason text,
  -- Who chose the attribute (NULL: the gazette's 附注 did); a re-import never overrides a person.
  disclosure_decided_by integer REFERENCES users (id),
  themes text[] NOT NULL DEFAULT '{}',
  validity text NOT NULL DEFAULT 'valid' CHECK (validity IN ('valid', 'repealed', 'expired')),
  validity_on date,
  -- 政策性文件: needs its interpretation published with it (三同步).
  is_policy boolean NOT NULL DEFAULT false,
  -- 行政规范性文件: what the annual report's table 二 counts.
  is_normative boolean NOT NULL DEFAULT false,
  addressees text[] NOT NULL DEFAULT '{}',
  addressee_role text,
  paragraphs text[] NOT NULL DEFAULT '{}',
  attachment_notes text[] NOT NULL DEFAULT '{}',
  signature text,
  note text,
  copy_to text[] NOT NULL DEFAULT '{}',
  -- The gazette's parsed attachments and enclosure (GazetteAttachment[], {title, paragraphs}).
  attachments jsonb NOT NULL DEFAULT '[]',
  enclosure jsonb,
  body_text text NOT NULL DEFAULT '',
  -- jieba's words of the title and of the text with their positions, as tsvector literals
  -- (platform/search/chinese-words.ts: PostgreSQL cannot cut Chinese itself).
  title_words text NOT NULL DEFAULT '',
  body_words text NOT NULL DEFAULT '',
  search tsvector GENERATED ALWAYS AS (
    setweight(title_words::tsvector, 'A') || setweight(body_words::tsvector, 'B')
  ) STORED,
  -- The title's alone, small enough to rank every hit by without reading search back (decision 043).
  title_search tsvector GENERATED ALWAYS AS (title_words::tsvector) STORED,
  import_source text,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (organ_code, year, serial),
  CHECK (disclosure IS NULL OR disclosure = 'public' OR disclosure_reason IS NOT NULL),
  CHECK (published_on IS NULL OR disclosure = 'public'),
  CHECK ((validity = 'valid') = (validity_on IS NULL))
);
CREATE INDEX documents_search ON documents USING gin (search);
-- The public lists: published documents, newest first.
CREATE INDEX documents_published ON documents (date_written DESC NULLS LAST, id DESC) WHERE published_on IS NOT NULL;
CREATE INDEX documents_themes ON documents USING gin (themes);

-- 解读: a text (with Q&A pairs), or a link to a 图解, 问答 or 视频 published elsewhere.
CREATE TABLE document_interpretations (
  id serial PRIMARY KEY,
  document_id integer NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
  kind text NOT NULL CHECK (kind IN ('text', 'graphic', 'qa', 'video')),
  title text NOT NULL,
  body text,
  qa jsonb NOT NULL DEFAULT '[]',
  url text,
  created_by integer NOT NULL REFERENCES users (id),
  created_at timestamptz NOT NULL DEFAULT now(),
  CHECK (kind = 'text' OR url IS NOT NULL OR body IS NOT NULL OR qa <> '[]')
);
CREATE INDEX document_interpretations_document ON document_interpretations (document_id);

-- Uploaded files: a document's attachments, or the pictures of an interpretation.
CREATE TABLE document_files (
  id serial PRIMARY KEY,
  document_id integer NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
  interpretation_id integer REFERENCES document_interpretations (id) ON DELETE CASCADE,
  file_name text NOT NULL,
  mime text NOT NULL,
  size integer NOT NULL,
  sha256 text NOT NULL,
  path text NOT NULL,
  uploaded_by integer NOT NULL REFERENCES users (id),
  uploaded_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX document_files_document ON document_files (document_id);
CREATE INDEX document_files_interpretation ON document_files (interpretation_id);

-- 三同步 exemption: a policy document published without its interpretation, and why.
CREATE TABLE document_sync_exemptions (
  document_id integer PRIMARY KEY REFERENCES documents (id) ON DELETE CASCADE,
  reason text NOT NULL,
  decided_by integer NOT NULL REFERENCES users (id),
  decided_at timestamptz NOT NULL DEFAULT now()
);

-- 政府公报: an issue of a year, its documents in the order printed.
CREATE TABLE gazette_issues (
  id serial PRIMARY KEY,
  year integer NOT NULL CHECK (year BETWEEN 1949 AND 2200),
  issue_number integer NOT NULL CHECK (issue_number > 0),
  title text NOT NULL,
  published_on date,
  created_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (year, issue_number)
);

CREATE TABLE gazette_issue_documents (
  issue_id integer NOT NULL REFERENCES gazette_issues (id) ON DELETE CASCADE,
  document_id integer NOT NULL REFERENCES documents (id),
  position integer NOT NULL CHECK (position > 0),
  PRIMARY KEY (issue_id, document_id),
  UNIQUE (issue_id, position)
);
CREATE INDEX gazette_issue_documents_document ON gazette_issue_documents (document_id);
