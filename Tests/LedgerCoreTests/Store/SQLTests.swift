import LedgerTestSupport
import Testing

@testable import LedgerCore

/// Statements written once for every engine: values bound, never spliced; fragments compose.
struct SQLTests {
    @Test func valuesAreBoundInOrderAndNeverSpliced() {
        let handle = "x' OR 1=1 --"
        let sql: SQL = "SELECT id FROM source WHERE handle = \(handle) AND id > \(Int64(3)) OR note IS \(nil as String?)"
        #expect(sql.text == "SELECT id FROM source WHERE handle = ? AND id > ? OR note IS ?")
        #expect(sql.values == [.text(handle), .integer(3), .null])
    }

    @Test func fragmentsAndRawTextCompose() {
        let condition: SQL = "c.id = \(Int64(7))"
        let list = SQL.joined(["a = \(Int64(1))", "b = \("two")"], separator: " AND ")
        let sql: SQL = "SELECT \(raw: "c.id, c.status") FROM claim c WHERE \(condition) AND \(list) AND c.status IN (\(list: [.text("open"), .text("closed")]))"
        #expect(sql.text == "SELECT c.id, c.status FROM claim c WHERE c.id = ? AND a = ? AND b = ? AND c.status IN (?, ?)")
        #expect(sql.values == [.integer(7), .integer(1), .text("two"), .text("open"), .text("closed")])
        let added = sql + " ORDER BY \(raw: "c.id")"
        #expect(added.text.hasSuffix(" ORDER BY c.id") && added.values.count == 5)
    }

    @Test func eachEngineWritesItsPlaceholders() {
        let sql: SQL = "UPDATE claim SET status = \("confirmed"), grade = \("B2") WHERE id = \(Int64(12))"
        #expect(sql.text(.sqlite) == "UPDATE claim SET status = ?, grade = ? WHERE id = ?")
        #expect(sql.text(.postgresql) == "UPDATE claim SET status = $1, grade = $2 WHERE id = $3")
        let none: SQL = "SELECT count(*) FROM claim"
        #expect(none.text(.postgresql) == "SELECT count(*) FROM claim")
    }

    /// A table's INSERT is made once, with one placeholder per value; an id left NULL is left
    /// out for the database to assign, and returned where the engine needs to be asked.
    @Test func insertsOfEveryTableHaveAPlaceholderPerValue() {
        for table in RecordedTable.allCases {
            let row = table.columns.indices.map { SQLValue.integer(Int64($0) + 1) }
            let given = table.insert(row)
            #expect(given.text.count { $0 == "?" } == table.columns.count && given.values == row)
            guard table != .claimTag else { continue }
            let assigned = table.insert([.null] + row.dropFirst(), returningID: .postgresql)
            #expect(assigned.values == Array(row.dropFirst()))
            #expect(assigned.text.count { $0 == "?" } == table.columns.count - 1)
            #expect(assigned.text.hasPrefix("INSERT INTO \(table.name) (\(table.columns.dropFirst().joined(separator: ", ")))"))
            #expect(assigned.text.hasSuffix(" RETURNING id"))
            #expect(!table.insert([.null] + row.dropFirst(), returningID: .sqlite).text.contains("RETURNING"))
        }
    }

    @Test func aGroupIsJoinedInOrderOnEitherEngine() {
        #expect(
            Dialect.sqlite.joined("tag", from: "claim_tag WHERE claim_id = c.id", orderBy: "tag", separator: "char(31)")
                == "(SELECT group_concat(joined_value, char(31)) FROM (SELECT tag AS joined_value FROM claim_tag WHERE claim_id = c.id ORDER BY tag))")
        #expect(
            Dialect.postgresql.joined("tag", from: "claim_tag WHERE claim_id = c.id", orderBy: "tag", separator: "chr(31)")
                == "(SELECT string_agg(tag, chr(31) ORDER BY tag) FROM claim_tag WHERE claim_id = c.id)")
    }
}

/// Search cut into words by ledger itself, the same for what is indexed and what is asked for.
struct SearchTextTests {
    @Test(arguments: [
        ("Kup'iansk  seized!", "kupiansk seized"),
        ("  €5 — 50 km/h, «Ізюм» ", "5 50 km h ізюм"),
        ("", ""),
        ("*** ( ) -", ""),
        ("NEAR(a b) OR c*", "near a b or c"),
    ])
    func theIndexHoldsWordsOneSpaceBetween(text: String, indexed: String) {
        #expect(SearchText.indexed(text) == indexed)
        #expect(SearchText.indexed(text) == SearchText.words(text).joined(separator: " "))
    }

    /// What is asked for is cut as what is indexed, so every word of a text finds it.
    @Test func everyWordOfATextIsATermThatMatchesIt() {
        for text in ["Ukrainian forces retook more than 1000 sq km", "Kup'iansk: «Ізюм» €5", "a.b,c;d"] {
            let words = Set(SearchText.indexed(text).split(separator: " ").map(String.init))
            #expect(SearchText.terms(text).allSatisfy { words.contains($0.word) })
            #expect(SearchText.terms(text).count == words.count)
        }
    }
}
