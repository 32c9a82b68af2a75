#if PostgreSQL
    import LedgerPostgreSQL

    /// A ledger on a PostgreSQL server: making one in an empty database (or schema), opening
    /// one (and refusing what is not a ledger), and what the server answers for `check`.
    ///
    /// The ledger lives in the schema first on the connection's search_path (`public` unless
    /// the URL's `options=-csearch_path=…` says otherwise), so one database may hold several.
    extension Ledger {
        /// The schema for a server, compiled in from `schema-postgresql.sql`.
        public static var postgreSQLSchema: String { String(decoding: PackageResources.schema_postgresql_sql, as: UTF8.self) }

        /// Creates the ledger's tables in the database (and schema) `url` names, which must
        /// hold no tables yet.
        static func createOnServer(_ url: String, busyTimeoutMilliseconds: Int32) throws(LedgerError) -> Ledger {
            let location = LedgerLocation.server(url)
            if let problem = Clock.problem { throw .usage(problem) }
            let connection = try connect(location)
            do {
                try requireSchema(connection, location: location, creating: true)
                if try connection.scalarInteger("SELECT (to_regclass('meta') IS NOT NULL)::integer") == 1 {
                    throw LedgerError.refused(
                        "There is already a ledger at \(location); nothing was changed. Choose another database (or schema) in the URL to create a new ledger.")
                }
                let tables = try tablesInSchema(connection)
                if !tables.isEmpty {
                    throw LedgerError.refused(
                        "The database at \(location) already holds tables (\(tables.prefix(3).joined(separator: ", "))\(tables.count > 3 ? ", …" : "")) but no ledger; nothing was changed. `ledger init` needs an empty database or schema: create one (createdb), or name another schema with ?options=-csearch_path%3DNAME.")
                }
                // No ledger lock to take yet (it is the meta table's): two inits at once fail on
                // the second's first CREATE TABLE.
                try connection.execute("BEGIN")
                do {
                    try connection.execute(postgreSQLSchema)
                    try connection.commit()
                } catch {
                    try? connection.rollback()
                    throw error
                }
            } catch let error as LedgerError {
                throw error
            } catch let error as DatabaseError {
                if error.kind == .permission {
                    throw .permission(
                        "The database role may not create the ledger's tables at \(location) (\(error.message)); nothing was changed. Ask the server's administrator to make the role the database's owner, or to create the ledger.")
                }
                throw translate(error, location: location)
            } catch {
                throw .io("Cannot create the ledger \(location).")
            }
            return try openOnServer(url, access: .write, busyTimeoutMilliseconds: busyTimeoutMilliseconds, connection: connection)
        }

        /// Opens the ledger at `url`. Changes are recorded as made by the database role the
        /// connection authenticated as (`current_user`): on a server, attribution comes from the
        /// server, not from a name typed.
        static func openOnServer(
            _ url: String, access: Access, busyTimeoutMilliseconds: Int32, connection given: PostgreSQLDatabase? = nil
        ) throws(LedgerError) -> Ledger {
            let location = LedgerLocation.server(url)
            if access == .write, let problem = Clock.problem { throw .usage(problem) }
            let connection: PostgreSQLDatabase
            if let given { connection = given } else { connection = try connect(location) }
            do {
                let role = try requireSchema(connection, location: location, creating: false)
                guard try connection.scalarInteger("SELECT (to_regclass('meta') IS NOT NULL)::integer") == 1 else {
                    let tables = try tablesInSchema(connection)
                    if tables.isEmpty { throw LedgerError.missingLedger(path: location.description) }
                    throw LedgerError.unreadableLedger(
                        path: location.description,
                        reason: "the database holds tables (\(tables.prefix(3).joined(separator: ", "))\(tables.count > 3 ? ", …" : "")) but no ledger; name the database (or schema) of the ledger in the URL")
                }
                var applicationID: Int64 = 0
                var version: Int64 = 0
                try connection.query("SELECT application_id, schema_version FROM meta") { row in
                    applicationID = row.integer("application_id")
                    version = row.integer("schema_version")
                }
                guard applicationID == Ledger.applicationID else {
                    throw LedgerError.unreadableLedger(
                        path: location.description, reason: "its table meta is not a ledger's (another program's data); name the ledger's database in the URL")
                }
                guard version <= schemaVersion else {
                    throw LedgerError.unreadableLedger(
                        path: location.description,
                        reason: "it was written by a newer version of ledger (schema version \(version); this one understands up to \(schemaVersion)); upgrade ledger to use it")
                }
                guard version == schemaVersion else {
                    throw LedgerError.unreadableLedger(path: location.description, reason: "its schema version \(version) is unknown to this ledger")
                }
                if access == .write {
                    let writable = try connection.scalarInteger(
                        """
                        SELECT (has_table_privilege('log', 'INSERT') AND has_table_privilege('claim', 'INSERT, UPDATE, DELETE')
                            AND has_table_privilege('id_counter', 'UPDATE'))::integer
                        """)
                    guard writable == 1 else {
                        throw LedgerError.permission(
                            "The database role \(role) may only read the ledger \(location); nothing was changed. Ask the server's administrator to grant it writing (README, \"A shared ledger\"), or connect as a role that may write.")
                    }
                    _ = try Validation.actor(role)
                }
                let storage = PostgreSQLStorage(connection: connection)
                return Ledger(location: location, actor: role, server: storage, version: version, busyTimeoutMilliseconds: busyTimeoutMilliseconds)
            } catch let error as LedgerError {
                throw error
            } catch let error as DatabaseError {
                throw translate(error, location: location)
            } catch {
                throw .io("Cannot open the ledger \(location).")
            }
        }

        /// Refuses, in one sentence, a search path whose first schema does not exist or that the
        /// role may not use (the server skips it silently, and the ledger would seem missing),
        /// and for `init` one the role may not create tables in.
        /// Returns the role the connection acts as.
        @discardableResult
        private static func requireSchema(_ connection: PostgreSQLDatabase, location: LedgerLocation, creating: Bool) throws -> String {
            var schema: String?
            var path = ""
            var role = ""
            try connection.query("SELECT current_schema()::text AS schema, current_setting('search_path') AS path, current_user::text AS role") { row in
                schema = row.optionalText("schema")
                path = row.text("path")
                role = row.text("role")
            }
            guard let schema else {
                let first = path.split(separator: ",").first.map { String($0.filter { $0 != " " && $0 != "\"" }) } ?? ""
                let exists = try connection.scalarInteger("SELECT count(*) FROM pg_namespace WHERE nspname = \(first)") ?? 0
                if exists > 0 {
                    throw LedgerError.permission(
                        "The database role \(role) may not use the schema \(first.shown()) that \(location) names; nothing was changed. Ask its owner to run GRANT USAGE ON SCHEMA \(first.shown()) TO \(role).")
                }
                throw LedgerError.unreadableLedger(
                    path: location.description,
                    reason: "the schema \(first.shown()) its search path names does not exist; its owner creates it first (CREATE SCHEMA \(first.shown()) AUTHORIZATION the ledger's owner role), then `ledger init` makes the ledger in it")
            }
            if creating, try connection.scalarInteger("SELECT has_schema_privilege(current_schema(), 'CREATE')::integer") != 1 {
                throw LedgerError.permission(
                    "The database role \(role) may not create tables in the schema \(schema.shown()) of \(location); nothing was changed. Run `ledger init` as the schema's owner (options=-crole%3DOWNER in the URL), or ask the server's administrator.")
            }
            return role
        }

        /// The tables in the schema the ledger would live in.
        private static func tablesInSchema(_ connection: PostgreSQLDatabase) throws -> [String] {
            var tables: [String] = []
            try connection.query(
                "SELECT c.relname::text AS name FROM pg_class c WHERE c.relnamespace = current_schema()::regnamespace AND c.relkind IN ('r', 'p', 'v', 'm', 'f') ORDER BY 1"
            ) { tables.append($0.text("name")) }
            return tables
        }

        /// Connects, or says in one sentence why the server could not be used.
        static func connect(_ location: LedgerLocation) throws(LedgerError) -> PostgreSQLDatabase {
            guard case .server(let url) = location else { preconditionFailure("not a server") }
            do {
                return try PostgreSQLDatabase(url: url)
            } catch {
                throw connectionFailure(error, location: location)
            }
        }

        /// libpq's first line, without its "connection to server … failed:" preamble.
        static func connectionFailure(_ error: DatabaseError, location: LedgerLocation) -> LedgerError {
            let firstLine = error.message.split(separator: "\n").first.map(String.init) ?? error.message
            var reason = firstLine
            if let failed = firstLine.firstRange(of: "failed: ") { reason = String(firstLine[failed.upperBound...]) }
            // The server's own words come as "FATAL:  …".
            for severity in ["FATAL:", "ERROR:"] where reason.hasPrefix(severity) {
                reason = String(reason.dropFirst(severity.count).drop { $0 == " " })
            }
            reason = reason.trimmingSuffix(".")
            switch error.kind {
            case .permission:
                return .permission(
                    "The PostgreSQL server of \(location) refused the connection (\(reason)); check the user name and password (in the URL, PGPASSWORD or ~/.pgpass), or ask the server's administrator to let the role in.")
            case .cannotOpen:
                let name = reason.split(separator: "\"").dropFirst().first.map { " " + $0 } ?? ""
                return .unreadableLedger(
                    path: location.description,
                    reason: "the server has no database\(name); create it (createdb, as a role that may), or correct the database's name in the URL")
            case .badLocation:
                // libpq quotes what it could not read, which may be part of a password: its words only.
                let words = reason.split(separator: "\"", omittingEmptySubsequences: false).enumerated().map { $0.offset % 2 == 1 ? "…" : String($0.element) }
                return .usage(
                    "\(location) is not a PostgreSQL URL ledger can use (\(words.joined(separator: "\""))); write it as postgres://USER@HOST:PORT/DATABASE, with options libpq knows.")
            default:
                if reason.lowercased().contains("ssl") || reason.lowercased().contains("certificate") {
                    return .unreachable(
                        "Cannot connect securely to the PostgreSQL server of \(location) (\(reason)); check the URL's sslmode and the server's certificate, or ask its administrator.")
                }
                return .unreachable(
                    "Cannot reach the PostgreSQL server of \(location) (\(reason)); check that the server is running and that the host and port in the URL are right, then try again.")
            }
        }
    }

    /// The PostgreSQL implementation of what a server answers for the façade.
    final class PostgreSQLStorage: ServerStorage {
        let connection: PostgreSQLDatabase

        init(connection: PostgreSQLDatabase) {
            self.connection = connection
        }

        var database: any Database { connection }
        var search: any SearchIndex { PostgreSQLSearch(db: connection) }

        func storedSchemaVersion() throws -> Int64 {
            try connection.scalarInteger("SELECT schema_version FROM meta") ?? 0
        }

        /// The tables, indexes, triggers and functions `schema-postgresql.sql` makes, by name.
        static let expectedObjects: Set<String> = {
            // The indexes the server makes for primary keys and UNIQUE columns, by its names.
            var objects: Set<String> = [
                "index meta_pkey", "index id_counter_pkey", "index source_pkey", "index source_uuid_key",
                "index source_handle_key", "index claim_pkey", "index claim_uuid_key", "index claim_tag_pkey", "index evidence_pkey",
                "index evidence_uuid_key", "index note_pkey", "index note_uuid_key", "index claim_search_pkey", "index lifecycle_pkey",
                "index lifecycle_uuid_key", "index log_pkey", "index log_undoes_key",
            ]
            for line in Ledger.postgreSQLSchema.split(separator: "\n") {
                let words = line.split(separator: " ", omittingEmptySubsequences: true)
                guard words.count >= 3, words[0] == "CREATE" else { continue }
                switch words[1] {
                case "TABLE": objects.insert("table \(words[2])")
                case "INDEX": objects.insert("index \(words[2])")
                case "TRIGGER": objects.insert("trigger \(words[2])")
                case "FUNCTION": objects.insert("function \(words[2].prefix { $0 != "(" })")
                default: break
                }
            }
            return objects
        }()

        /// Each trigger as the schema writes it (and as `pg_get_triggerdef` prints it), by name.
        static let triggerDefinitions: [String: String] = {
            var triggers: [String: String] = [:]
            for line in Ledger.postgreSQLSchema.split(separator: "\n") where line.hasPrefix("CREATE TRIGGER ") {
                let name = line.dropFirst("CREATE TRIGGER ".count).prefix { $0 != " " }
                triggers[String(name)] = String(line.hasSuffix(";") ? line.dropLast() : line)
            }
            return triggers
        }()

        /// Each function's body as the schema writes it, by name.
        static let functionBodies: [String: String] = {
            var bodies: [String: String] = [:]
            var rest = Substring(Ledger.postgreSQLSchema)
            while let create = rest.firstRange(of: "CREATE FUNCTION ") {
                let name = String(rest[create.upperBound...].prefix { $0 != "(" })
                guard let start = rest[create.upperBound...].firstRange(of: "AS $$"), let end = rest[start.upperBound...].firstRange(of: "$$;") else { break }
                bodies[name] = String(rest[start.upperBound..<end.lowerBound])
                rest = rest[end.upperBound...]
            }
            return bodies
        }()

        /// What is in the ledger's schema against what ledger makes: by name (a table, index,
        /// trigger or function added or lost), the id function's body, and any rule or
        /// row-level security policy (code that would run, or rows that would hide, on every
        /// write). Constraints and column types are the server's to keep: only a role that owns
        /// the tables can change them.
        func schemaDifferences() throws -> [Ledger.SchemaDifference] {
            var found: Set<String> = []
            var differences: [Ledger.SchemaDifference] = []
            try connection.query(
                """
                SELECT CASE c.relkind WHEN 'i' THEN 'index' WHEN 'v' THEN 'view' WHEN 'm' THEN 'view' WHEN 'S' THEN 'sequence' ELSE 'table' END
                    || ' ' || c.relname AS object
                FROM pg_class c WHERE c.relnamespace = current_schema()::regnamespace AND c.relkind IN ('r', 'p', 'v', 'm', 'f', 'i', 'S')
                UNION ALL
                SELECT 'trigger ' || t.tgname FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid
                WHERE c.relnamespace = current_schema()::regnamespace AND NOT t.tgisinternal
                UNION ALL
                SELECT 'function ' || p.proname FROM pg_proc p WHERE p.pronamespace = current_schema()::regnamespace
                UNION ALL
                SELECT 'rule ' || r.rulename FROM pg_rewrite r JOIN pg_class c ON c.oid = r.ev_class
                WHERE c.relnamespace = current_schema()::regnamespace AND c.relkind <> 'v'
                UNION ALL
                SELECT 'policy ' || p.polname FROM pg_policy p JOIN pg_class c ON c.oid = p.polrelid
                WHERE c.relnamespace = current_schema()::regnamespace
                ORDER BY 1
                """
            ) { row in
                let object = row.text("object")
                found.insert(object)
                if !PostgreSQLStorage.expectedObjects.contains(object) {
                    differences.append(Ledger.SchemaDifference(phrase: "\(object.article) '\(object.objectName.shown())' that ledger did not create", isAddition: true))
                }
            }
            for object in PostgreSQLStorage.expectedObjects.sorted() where !found.contains(object) {
                differences.append(Ledger.SchemaDifference(phrase: "lost \(object.article) '\(object.objectName)' that ledger creates", isAddition: false))
            }
            // What each trigger runs and when, and that it fires (a trigger turned off, or pointed at
            // another function, gave a used claim number again).
            try connection.query(
                """
                SELECT t.tgname::text AS name, t.tgenabled::text AS enabled,
                       replace(pg_get_triggerdef(t.oid), ' ON ' || quote_ident(current_schema()) || '.', ' ON ') AS definition
                FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid
                WHERE c.relnamespace = current_schema()::regnamespace AND NOT t.tgisinternal ORDER BY 1
                """
            ) { row in
                let name = row.text("name")
                guard let expected = PostgreSQLStorage.triggerDefinitions[name] else { return }
                if row.text("definition") != expected {
                    differences.append(Ledger.SchemaDifference(phrase: "a trigger '\(name.shown())' changed from what ledger created", isAddition: false))
                } else if row.text("enabled") != "O" {
                    differences.append(Ledger.SchemaDifference(phrase: "a trigger '\(name.shown())' turned off or set to fire otherwise", isAddition: false))
                }
            }
            // Each function's body, and how it runs: as the caller, in PL/pgSQL, on the ledger's own
            // search path.
            try connection.query(
                """
                SELECT p.proname::text AS name, p.prosrc AS body, count(*) OVER (PARTITION BY p.proname) AS versions, p.prosecdef::integer AS definer,
                       l.lanname::text AS language, coalesce(array_to_string(p.proconfig, ' '), '') AS settings,
                       'search_path=' || current_setting('search_path') AS path
                FROM pg_proc p JOIN pg_language l ON l.oid = p.prolang WHERE p.pronamespace = current_schema()::regnamespace
                """
            ) { row in
                let name = row.text("name")
                guard let body = PostgreSQLStorage.functionBodies[name] else { return }
                if row.text("body") != body {
                    differences.append(Ledger.SchemaDifference(phrase: "a function '\(name.shown())' changed from what ledger created", isAddition: false))
                }
                if row.integer("versions") > 1 || row.integer("definer") != 0 || row.text("language") != "plpgsql" || row.text("settings") != row.text("path") {
                    differences.append(Ledger.SchemaDifference(phrase: "a function '\(name.shown())' set to run otherwise than ledger made it", isAddition: false))
                }
            }
            var replication = "origin"
            var secured: Int64 = 0
            try connection.query(
                """
                SELECT current_setting('session_replication_role') AS replication,
                       (SELECT count(*) FROM pg_class WHERE relnamespace = current_schema()::regnamespace AND relrowsecurity) AS secured
                """
            ) { row in
                replication = row.text("replication")
                secured = row.integer("secured")
            }
            if replication != "origin" {
                differences.append(
                    Ledger.SchemaDifference(
                        phrase: "its triggers and foreign keys turned off for this connection (session_replication_role is not origin)", isAddition: false))
            }
            if secured > 0 {
                differences.append(Ledger.SchemaDifference(phrase: "row-level security turned on, which ledger does not use", isAddition: true))
            }
            return differences
        }

        /// Every foreign key of the schema, as (table, column, parent): the server enforces them,
        /// unless its triggers were turned off (`session_replication_role`, `DISABLE TRIGGER`).
        static let references: [(table: String, column: String, parent: String)] = [
            ("claim", "claimant_id", "source"), ("claim", "via_id", "source"), ("claim", "superseded_by", "claim"),
            ("claim_tag", "claim_id", "claim"),
            ("evidence", "claim_id", "claim"), ("evidence", "source_id", "source"), ("evidence", "citing_id", "source"),
            ("evidence", "via_id", "source"),
            ("note", "claim_id", "claim"), ("note", "source_id", "source"),
            ("lifecycle", "claim_id", "claim"), ("lifecycle", "source_id", "source"), ("lifecycle", "superseded_by", "claim"),
            ("log", "undoes", "log"), ("log", "caused_by", "log"),
        ]

        func missingReferences() throws -> [String] {
            var problems: [String] = []
            for reference in PostgreSQLStorage.references {
                let id = reference.table == "claim_tag" ? "claim_id" : "id"
                try connection.query(
                    """
                    SELECT t.\(raw: id) AS id FROM \(raw: reference.table) t WHERE t.\(raw: reference.column) IS NOT NULL
                    AND NOT EXISTS (SELECT 1 FROM \(raw: reference.parent) p WHERE p.id = t.\(raw: reference.column)) ORDER BY 1 LIMIT 20
                    """
                ) { row in
                    problems.append("\(reference.table) row \(row.integer("id")) refers to a missing row in \(reference.parent).")
                }
            }
            return problems
        }

        /// The higher of the highest id deleted (`id_counter`) and the highest there.
        func idCounter(_ table: RecordedTable) throws -> Int64 {
            try connection.scalarInteger(
                "SELECT greatest((SELECT seq FROM id_counter WHERE name = \(table.name)), (SELECT max(id) FROM \(raw: table.name)))") ?? 0
        }
    }

    /// The search index on PostgreSQL: `claim_search` holds each claim's five fields as the
    /// words Swift made (`SearchText`) and a tsvector of those words, written by ledger as a
    /// tsvector's text (each word a quoted lexeme with its positions), so that the server
    /// never cuts or folds a word again; matched with `@@` and ranked by `ts_rank` (how often
    /// the words occur, against the entry's length).
    struct PostgreSQLSearch: SearchIndex {
        let db: PostgreSQLDatabase

        /// A tsvector holds lexemes under 2,048 bytes, positions up to 16,383, and about 1 MB in
        /// all: a longer word, or the words past that size, are left out of it (the fields keep
        /// them; only a search for them misses).
        static let longestWord = 2_047
        static let vectorBudget = 900_000

        /// The tsvector text of an entry's fields: `'word':1,4 'other':2 …`.
        static func vector(_ fields: [String]) -> String {
            var positions: [String: [Int]] = [:]
            var order: [String] = []
            var position = 0
            var size = 0
            for field in fields {
                for word in field.split(separator: " ") where word.utf8.count <= longestWord {
                    position += 1
                    let key = String(word)
                    if positions[key] == nil {
                        size += key.utf8.count + 8
                        guard size < vectorBudget else { break }
                        order.append(key)
                    }
                    let place = min(position, 16_383)
                    if let places = positions[key], places.count >= 255 || places.last == place { continue }
                    positions[key, default: []].append(place)
                }
            }
            var text = ""
            for word in order {
                let places = positions[word] ?? []
                if !text.isEmpty { text += " " }
                text += "'" + word + "'"
                if !places.isEmpty { text += ":" + places.map(String.init).joined(separator: ",") }
            }
            return text
        }

        func replace(claimID: Int64, fields: [String]?) throws {
            try db.run("DELETE FROM claim_search WHERE claim_id = \(claimID)")
            if let fields { try add(claimID: claimID, fields: fields) }
        }

        func add(claimID: Int64, fields: [String]) throws {
            try db.run(
                """
                INSERT INTO claim_search (claim_id, statement, quote, place, tags, evidence, words)
                VALUES (\(claimID), \(list: fields.map(SQLValue.text)), CAST(\(PostgreSQLSearch.vector(fields)) AS tsvector))
                """)
        }

        func matching(_ terms: [SearchTerm]) -> (from: SQL, condition: SQL, bestFirst: SQL) {
            // A word longer than a tsvector holds is in no entry's vector: nothing matches (a
            // tsquery could not even hold it).
            guard terms.allSatisfy({ $0.word.utf8.count <= PostgreSQLSearch.longestWord }) else {
                return ("FROM claim_search JOIN claim c ON c.id = claim_search.claim_id", "1 = 0", "c.id")
            }
            let query = PostgreSQLSearch.query(terms)
            return (
                "FROM claim_search JOIN claim c ON c.id = claim_search.claim_id", "claim_search.words @@ CAST(\(query) AS tsquery)",
                "ts_rank(claim_search.words, CAST(\(query) AS tsquery), 1) DESC, c.id"
            )
        }

        /// A tsquery that matches claims holding every term: each word quoted as a lexeme (words
        /// hold only letters, digits and marks, never a quote), `:*` for a prefix.
        static func query(_ terms: [SearchTerm]) -> String {
            terms.map { "'" + $0.word + "'" + ($0.prefix ? ":*" : "") }.joined(separator: " & ")
        }

        var entries: SQL { "SELECT claim_id AS id, statement, quote, place, tags, evidence FROM claim_search ORDER BY claim_id" }

        /// Entries whose tsvector is not the one their fields make (a search would find them by
        /// other words than they hold).
        func structuralDamage() -> String? {
            var wrong = 0
            do {
                try db.query(
                    "SELECT statement, quote, place, tags, evidence, CAST(words AS text) AS vector FROM claim_search"
                ) { row in
                    let fields = Ledger.searchFieldNames.map { row.text($0) }
                    let made = PostgreSQLSearch.vector(fields)
                    if row.text("vector") != made, !PostgreSQLSearch.sameVector(row.text("vector"), made) { wrong += 1 }
                }
            } catch {
                return nil
            }
            guard wrong > 0 else { return nil }
            return "The search index holds other words than its entries' texts for \(wrong) claim\(wrong == 1 ? "" : "s"), so `--search` finds the wrong claims; export the ledger and import the export into a new ledger."
        }

        /// Whether two tsvector texts hold the same lexemes and positions, whatever their order
        /// (the server prints lexemes sorted).
        static func sameVector(_ stored: String, _ made: String) -> Bool {
            Set(stored.split(separator: " ")) == Set(made.split(separator: " "))
        }
    }

    extension String {
        /// "an index" / "a table" for "index name" / "table name".
        fileprivate var article: String {
            let kind = prefix { $0 != " " }
            return (kind.first.map { "aeiou".contains($0) } ?? false ? "an " : "a ") + kind
        }

        fileprivate var objectName: String {
            guard let space = firstIndex(of: " ") else { return self }
            return String(self[index(after: space)...])
        }
    }
#endif
