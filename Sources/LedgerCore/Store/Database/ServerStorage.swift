/// What a ledger on a server answers beyond running the store's SQL: the counterparts of what
/// a file answers through its pragmas and schema objects (`Store/SQLite/`). A server keeps
/// its own pages, journal and settings, so it has nothing to say of those.
protocol ServerStorage: AnyObject {
    /// The connection the store runs its statements on.
    var database: any Database { get }
    /// The claims' search index on this server.
    var search: any SearchIndex { get }
    /// The schema version the ledger holds now.
    func storedSchemaVersion() throws -> Int64
    /// How the ledger's tables, indexes and triggers differ from those ledger makes.
    func schemaDifferences() throws -> [Ledger.SchemaDifference]
    /// Rows that name a row missing from another table.
    func missingReferences() throws -> [String]
    /// The highest id `table` has given: the next is one above it.
    func idCounter(_ table: RecordedTable) throws -> Int64
}
