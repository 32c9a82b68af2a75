import LedgerSQLite

/// `check`'s replay: the log is the record, and the tables must be its view.
///
/// One pass over the log re-computes the hash chain, reads each entry back from its
/// canonical bytes (and requires them canonical), compares the log's columns with the entry,
/// and applies the entry's writes to an empty scratch database made from the same schema.
/// Then each recorded table is compared, row by row and column by column, with what the
/// replay gives. Both passes stream in key order, and the scratch database lives in a
/// temporary file, so memory stays flat however large the ledger.
extension Ledger {
    /// At most this many findings of each kind are listed; the rest are counted.
    static let replayFindingLimit = 50

    func checkReplay(into problems: inout [String]) throws {
        let scratch = try SQLiteDatabase.scratch()
        for table in RecordedTable.allCases { try scratch.execute(table.scratchSQL) }
        try scratch.begin(.write)
        var replay = Replay(scratch: scratch)
        try readLog(&replay)
        try scratch.commit()
        problems += replay.problems
        if replay.omitted > 0 { problems.append("… and \(replay.omitted) more problems in the log.") }
        for table in RecordedTable.allCases {
            try compare(table, with: scratch, into: &problems)
        }
        problems += try idCounterProblems(highestID: replay.highestID, sawMigrated: replay.sawMigrated)
    }

    private func readLog(_ replay: inout Replay) throws {
        var previous = Ledger.genesisHash
        let log = try db.cursor(
            """
            SELECT id, recorded_at, actor, action, claim_id, evidence_id, lifecycle_id, source_handle, effective,
                   status_before, status_after, summary, cause, undoes, caused_by, entry, hash
            FROM log ORDER BY id
            """)
        while try log.next() {
            let id = log.integer("id")
            let bytes = log.withBytes("entry") { Array($0) }
            let stored = log.text("hash")
            let computed = Hex.encode(Ledger.chainHash(previous: previous, entry: bytes))
            if computed != stored {
                replay.note("Log entry #\(id) was altered, or an entry before it was removed: its hash does not follow from its contents and the entry before it.")
            }
            // The next entry chains from the hash as stored, so that one altered entry is named once.
            previous = Hex.decode(stored) ?? []
            let value: JSONValue
            do {
                value = try JSONParser.parse(bytes: bytes)
            } catch {
                replay.note("Log entry #\(id) cannot be read (\(error.description)): it was altered.")
                continue
            }
            guard case .object(let members) = value else {
                replay.note("Log entry #\(id) is not an object: it was altered.")
                continue
            }
            if value.canonicalBytes() != bytes || ExportReader.repeatedKey(members) != nil {
                replay.note("Log entry #\(id) is not in canonical form: it was altered.")
            }
            Ledger.compareColumns(of: log, with: value, id: id, into: &replay)
            Ledger.checkFields(of: log, id: id, into: &replay)
            try replay.apply(StoredEntry(value: value), id: id)
        }
    }

    /// Each of the log's field columns (`LogFields.names`) by its place in that list.
    static let logFieldIndex: [String: Int] = Dictionary(uniqueKeysWithValues: LogFields.names.enumerated().map { ($1, $0) })

    /// The log's columns against the entry they repeat.
    private static func compareColumns(of row: any DatabaseRow, with entry: JSONValue, id: Int64, into replay: inout Replay) {
        guard case .object(let members) = entry else { return }
        var expected = [SQLValue?](repeating: .null, count: LogFields.names.count)
        for (name, value) in members {
            if let column = logFieldIndex[name] {
                expected[column] = sqlValue(value)
            } else if name != "writes" && name != "migrated" && name != "payload" {
                replay.note("Log entry #\(id) holds a field '\(name.shown(limit: 40))' that ledger does not write: it was altered.")
            }
        }
        for (index, name) in LogFields.names.enumerated() {
            let actual = row.value(name)
            if expected[index] != actual {
                replay.note(
                    "Log entry #\(id): its \(name) reads \(describe(actual)) in the log table, but the entry holds \(describe(expected[index] ?? .null)).")
            }
        }
    }

    /// An entry's fields read as ledger writes them: a UTC recording time, an effective date,
    /// a recorder's name, known action and statuses.
    static func checkFields(of row: any DatabaseRow, id: Int64, into replay: inout Replay) {
        func bad(_ field: String, _ column: String) {
            replay.note("Log entry #\(id): its \(field) '\(row.text(column).shown(limit: 40))' is not one ledger writes.")
        }
        if !row.withBytes("recorded_at", isRecordedTimestamp) { bad("recorded_at", "recorded_at") }
        if let problem = Validation.actorProblem(row.text("actor")) { replay.note("Log entry #\(id): the name of who recorded it \(problem).") }
        if LogAction(rawValue: row.text("action")) == nil { bad("action", "action") }
        if LedgerDate(row.text("effective"))?.text != row.text("effective") { bad("effective date", "effective") }
        for column in ["status_before", "status_after"] where !row.isNull(column) {
            if ClaimStatus(rawValue: row.text(column)) == nil { bad(column, column) }
        }
    }

    /// A JSON member as the SQL value it stands for (nil for what no column holds).
    static func sqlValue(_ value: JSONValue) -> SQLValue? {
        switch value {
        case .null: .null
        case .integer(let number): .integer(number)
        case .number(let number): .real(number)
        case .string(let text): .text(text)
        default: nil
        }
    }

    static func describe(_ value: SQLValue) -> String {
        switch value {
        case .null: "nothing"
        case .integer(let number): String(number)
        case .real(let number): String(number)
        case .text(let text): "'\(text.shown(limit: 60))'"
        case .utf8(let bytes): "'\(String(decoding: bytes, as: UTF8.self).shown(limit: 60))'"
        }
    }

    /// Streams `table` from the ledger and from the replay, in key order, naming each difference.
    private func compare(_ table: RecordedTable, with scratch: any Database, into problems: inout [String]) throws {
        let order: SQL = " ORDER BY \(raw: table.key.joined(separator: ", "))"
        let stored = try db.cursor(table.select + order)
        let replayed = try scratch.cursor(table.select + order)
        var haveStored = try stored.next()
        var haveReplayed = try replayed.next()
        var found = 0
        func note(_ text: @autoclosure () -> String) {
            found += 1
            if found <= Ledger.replayFindingLimit { problems.append(text()) }
        }
        while haveStored || haveReplayed {
            let order: Int
            if !haveStored {
                order = 1
            } else if !haveReplayed {
                order = -1
            } else {
                order = Ledger.compareKeys(table, stored, replayed)
            }
            if order < 0 {
                note("\(Ledger.rowName(table, stored)) is in the ledger, but no log entry wrote it.")
                haveStored = try stored.next()
            } else if order > 0 {
                note("\(Ledger.rowName(table, replayed)) is missing from the ledger, but the log wrote it.")
                haveReplayed = try replayed.next()
            } else {
                let mine = stored.values(count: table.columns.count)
                let theirs = replayed.values(count: table.columns.count)
                for column in table.columns.indices where mine[column] != theirs[column] {
                    note(
                        "\(Ledger.rowName(table, stored)): its \(table.columns[column]) is \(Ledger.describe(mine[column])) in the ledger, but the log gives \(Ledger.describe(theirs[column])).")
                }
                haveStored = try stored.next()
                haveReplayed = try replayed.next()
            }
        }
        if found > Ledger.replayFindingLimit {
            problems.append("… and \(found - Ledger.replayFindingLimit) more differences in \(table.name).")
        }
    }

    private static func compareKeys(_ table: RecordedTable, _ a: any DatabaseRow, _ b: any DatabaseRow) -> Int {
        let key = table.key[0]
        let first = a.integer(key)
        let second = b.integer(key)
        if first != second { return first < second ? -1 : 1 }
        guard table == .claimTag else { return 0 }
        return CanonicalJSON.compare(a.text("tag"), b.text("tag"))
    }

    /// How a finding names a row: `C12`, `E7`, `Source ap`, `C3's tag 'x'`, `C3's retract (lifecycle row 4)`.
    private static func rowName(_ table: RecordedTable, _ row: any DatabaseRow) -> String {
        switch table {
        case .source: "Source \(row.text("handle").shown(limit: 64)) (row \(row.integer("id")))"
        case .claim: claimLabel(row.integer("id"))
        case .claimTag: "\(claimLabel(row.integer("claim_id")))'s tag '\(row.text("tag").shown(limit: 64))'"
        case .evidence: "\(evidenceLabel(row.integer("id"))) on \(claimLabel(row.integer("claim_id")))"
        case .note: "\(noteLabel(row.integer("id"))) on \(claimLabel(row.integer("claim_id")))"
        case .lifecycle: "\(claimLabel(row.integer("claim_id")))'s \(row.text("action").shown(limit: 20)) (lifecycle row \(row.integer("id")))"
        }
    }
}

/// A replay in progress: the database the writes are applied to (check's scratch database,
/// or the ledger itself when an import takes an export's log as its own), and what it found.
struct Replay {
    let scratch: any Database
    var problems: [String] = []
    var omitted = 0
    /// The highest id the log inserted in each table, and whether any entry was migrated
    /// (its rows reconstructed, so earlier ids may have come and gone unrecorded).
    var highestID: [RecordedTable: Int64] = [:]
    var sawMigrated = false

    init(scratch: any Database) { self.scratch = scratch }

    mutating func note(_ problem: String) {
        if problems.count < Ledger.replayFindingLimit { problems.append(problem) } else { omitted += 1 }
    }

    /// Applies an entry's writes in order; one that cannot apply is named, and the rest of the entry skipped.
    mutating func apply(_ entry: StoredEntry, id: Int64) throws {
        if entry.migrated { sawMigrated = true }
        guard let writes = entry.value["writes"]?.arrayValue else {
            note("Log entry #\(id) lacks its writes: it was altered.")
            return
        }
        for (index, write) in writes.enumerated() {
            if let problem = try applyWrite(write) {
                note("Log entry #\(id): its write \(index + 1) \(problem).")
                return
            }
        }
    }

    /// Applies one write; returns why it cannot, or nil.
    private mutating func applyWrite(_ write: JSONValue) throws -> String? {
        guard case .object(let members) = write else { return "is not an object" }
        let operation = members.first { ["insert", "update", "delete"].contains($0.0) }
        guard let (verb, target) = operation, let tableName = target.stringValue, let table = RecordedTable(rawValue: tableName) else {
            return "names no table ledger records"
        }
        switch verb {
        case "insert":
            guard members.count == 2, let row = write["row"], let values = wholeRow(row, of: table) else {
                return "(insert into \(tableName)) is malformed"
            }
            if let failure = Replay.failure(of: { try scratch.run(table.insert(values)) }) {
                return "(insert into \(tableName)) cannot apply: \(failure)"
            }
            if table != .claimTag, case .integer(let id) = values[0], id > highestID[table, default: 0] { highestID[table] = id }
        case "delete":
            guard members.count == 2, let row = write["row"], let whole = wholeRow(row, of: table) else {
                return "(delete from \(tableName)) is malformed"
            }
            // One statement deletes the row only if it is, column for column, the row the log left.
            if try scratch.run(table.deleteWhole(whole, dialect: scratch.dialect)) != 1 {
                let condition = SQL.joined(table.key.map { "\(raw: $0) = \(whole[table.columnIndex[$0] ?? 0])" }, separator: " AND ")
                let exists = try scratch.scalarInteger("SELECT count(*) FROM \(raw: table.name) WHERE \(condition)") ?? 0
                return exists == 0
                    ? "(delete from \(tableName)) deletes a row the log never wrote"
                    : "(delete from \(tableName)) deletes a row other than the one the log left"
            }
        default:
            guard table != .claimTag, members.count == 4, let id = write["id"]?.integerValue, let set = write["set"].flatMap({ columns($0, of: table) }),
                let was = write["was"].flatMap({ columns($0, of: table) }), !set.isEmpty,
                set.map({ $0.0 }) == was.map({ $0.0 })
            else { return "(update of \(tableName)) is malformed" }
            if let fixed = set.first(where: { RecordedTable.immutableColumns.contains($0.0) }) {
                return "(update of \(tableName) row \(id)) changes its \(fixed.0), which ledger never changes"
            }
            // One statement updates the row only if the columns hold what `was` says.
            let names = set.map { $0.0 }
            var changed = 0
            if let failure = Replay.failure(of: {
                let assignments = SQL.joined(set.map { "\(raw: $0.0) = \($0.1)" }, separator: ", ")
                let held = SQL.joined(was.map { "\(raw: $0.0) \(raw: scratch.dialect.isSameAs) \($0.1)" }, separator: " AND ")
                changed = try scratch.run("UPDATE \(raw: table.name) SET \(assignments) WHERE id = \(id) AND \(held)")
            }) {
                return "(update of \(tableName) row \(id)) cannot apply: \(failure)"
            }
            if changed != 1 {
                var current: [SQLValue]?
                try scratch.query("SELECT \(raw: names.joined(separator: ", ")) FROM \(raw: table.name) WHERE id = \(id)") { row in
                    current = names.map { row.value($0) }
                }
                guard let current else { return "(update of \(tableName)) updates row \(id), which the log never wrote" }
                let index = was.indices.first { current[$0] != was[$0].1 } ?? 0
                return "(update of \(tableName) row \(id)) says its \(was[index].0) was \(Ledger.describe(was[index].1)), but the log left \(Ledger.describe(current[index]))"
            }
        }
        return nil
    }

    /// What SQLite said when `body` failed (a broken constraint), or nil when it did not.
    static func failure(of body: () throws -> Void) -> String? {
        do {
            try body()
            return nil
        } catch {
            return "it breaks one of the schema's rules"
        }
    }

    /// An object's members as columns of `table` and their values; nil when one is no column of it,
    /// is given twice, or holds what no column holds.
    private func columns(_ object: JSONValue, of table: RecordedTable) -> [(String, SQLValue)]? {
        guard case .object(let members) = object else { return nil }
        let index = table.columnIndex
        var values: [(String, SQLValue)] = []
        for (name, value) in members {
            guard index[name] != nil, !values.contains(where: { $0.0 == name }), let sql = Ledger.sqlValue(value) else { return nil }
            values.append((name, sql))
        }
        return values
    }

    /// A row object as every column of `table` in order, NULL where a member is left out;
    /// nil when a member is no column of it, is given twice, or holds what no column holds.
    private func wholeRow(_ object: JSONValue, of table: RecordedTable) -> [SQLValue]? {
        guard case .object(let members) = object else { return nil }
        let index = table.columnIndex
        var row = [SQLValue](repeating: .null, count: table.columns.count)
        var given = [Bool](repeating: false, count: table.columns.count)
        for (name, value) in members {
            guard let position = index[name], !given[position], let sql = Ledger.sqlValue(value) else { return nil }
            given[position] = true
            row[position] = sql
        }
        return row
    }
}
