import LedgerTestSupport
import Testing

@testable import LedgerCore

/// What `--db` names: a file, or a server by URL, and how messages show it.
struct LedgerLocationTests {
    @Test(arguments: [
        ("ledger.db", LedgerLocation.file("ledger.db")),
        ("/tmp/a b/kharkiv.ledger", .file("/tmp/a b/kharkiv.ledger")),
        ("postgres://desk@db.example/ledger", .server("postgres://desk@db.example/ledger")),
        ("POSTGRESQL://desk@db.example/ledger", .server("POSTGRESQL://desk@db.example/ledger")),
        // Only the two schemes name a server: a file may be called anything else.
        ("postgres:/ledger.db", .file("postgres:/ledger.db")),
        ("mysql://desk@db/ledger", .file("mysql://desk@db/ledger")),
        ("./postgres://x", .file("./postgres://x")),
        // libpq's keyword form names a server too (found by review: it was read as a file's path).
        ("host=db.example dbname=ledger", .server("host=db.example dbname=ledger")),
        (" user = desk password=x", .server(" user = desk password=x")),
        ("hosts=1.db", .file("hosts=1.db")),
        ("ledger=2022.db", .file("ledger=2022.db")),
    ])
    func whatIsGivenIsReadOnce(text: String, location: LedgerLocation) {
        #expect(LedgerLocation(text) == location)
    }

    @Test(arguments: [
        ("postgres://desk:s3cret@db.example:5432/ledger", "postgres://desk:***@db.example:5432/ledger"),
        ("postgres://desk@db.example/ledger?password=s3cret&sslmode=require", "postgres://desk@db.example/ledger?password=***&sslmode=require"),
        ("postgres://desk:p@ss@db.example/ledger", "postgres://desk:***@db.example/ledger"),
        ("postgres://db.example/ledger", "postgres://db.example/ledger"),
        ("postgresql://desk@/ledger?host=/run/postgresql", "postgresql://desk@/ledger?host=/run/postgresql"),
        // Found by review: a `?` in the password, an sslpassword, a percent-encoded name.
        ("postgres://desk:pa?s3cret@db/ledger", "postgres://desk:***@db/ledger"),
        ("postgres://desk@db/ledger?sslmode=verify-full&sslpassword=s3cret", "postgres://desk@db/ledger?sslmode=verify-full&sslpassword=***"),
        ("postgres://desk@db/ledger?%70assword=s3cret", "postgres://desk@db/ledger?%70assword=***"),
        ("postgres://desk:s3/cret@db/ledger", "postgres://desk:***@db/ledger"),
        ("host=db password=s3cret dbname=ledger", "host=db password=*** dbname=ledger"),
        ("host=db password = 's3 cret\\'s3cret' user=desk", "host=db password = *** user=desk"),
        ("dbname=ledger sslpassword=s3cret", "dbname=ledger sslpassword=***"),
        // Found by review: a tab between keywords, and a URL as a keyword's value.
        ("host=db\tpassword=s3cret port=5432", "host=db\tpassword=*** port=5432"),
        ("dbname=postgres://u:s3cret@db/ledger", "dbname=postgres://u:***@db/ledger"),
    ])
    func aServersPasswordIsNeverShown(url: String, shown: String) {
        #expect(LedgerLocation(url).description == shown)
        #expect(!LedgerLocation(url).description.contains("s3cret"))
    }

    @Test func aFileIsShownByItsPath() {
        #expect(LedgerLocation("kharkiv:2022.ledger").description == "kharkiv:2022.ledger")
    }

    /// A server is named, not opened as a file called `postgres:`: a build without the
    /// PostgreSQL backend says how to get one; with it, a server that cannot be reached is
    /// named, its password hidden.
    @Test func aServerIsNamedInOneSentence() {
        let location = LedgerLocation("postgres://desk:s3cret@db.example/ledger")
        for attempt in [{ try Ledger.open(location, access: .read, actor: "x") }, { try Ledger.create(location, actor: "x") }] {
            let error = #expect(throws: LedgerError.self) { _ = try attempt() }
            if Ledger.serverSupport {
                #expect(error?.exitCode == 75)
                #expect(error?.message.hasPrefix("Cannot reach the PostgreSQL server of postgres://desk:***@db.example/ledger") == true, "\(error?.message ?? "")")
            } else {
                #expect(error?.exitCode == 64)
                #expect(error?.message.hasPrefix("postgres://desk:***@db.example/ledger names a PostgreSQL server") == true, "\(error?.message ?? "")")
                #expect(error?.message.contains("--traits PostgreSQL") == true)
            }
            #expect(error?.message.contains("s3cret") == false)
        }
    }
}
