-- 重大决策预公开: a decision is published with its document (决策文件). The office names the
-- document by its number as the library writes it (平政发〔2024〕3号); the public page links to
-- the library's page of it while it is published there (docs/decisions/046).
ALTER TABLE disclosure_decisions ADD COLUMN document_number text;
