import Testing

@testable import LedgerCore

struct LedgerDateTests {
    @Test(arguments: [
        ("2022-09-10", "2022-09-10"),
        (" 2022-09-10 ", "2022-09-10"),
        ("2024-02-29", "2024-02-29"),
        ("2000-02-29", "2000-02-29"),
        ("2022-09-10T14:30", "2022-09-10T14:30:00Z"),
        ("2022-09-10T14:30:05Z", "2022-09-10T14:30:05Z"),
        ("2022-09-10t14:30:05z", "2022-09-10T14:30:05Z"),
        ("2022-09-10 14:30:05", "2022-09-10T14:30:05Z"),
        ("2022-09-10T14:30:05.250Z", "2022-09-10T14:30:05Z"),
        ("2022-09-10T14:30:05+03:00", "2022-09-10T11:30:05Z"),
        ("2022-09-10T01:30:00+0300", "2022-09-09T22:30:00Z"),
        ("2022-12-31T23:30:00-01:00", "2023-01-01T00:30:00Z"),
    ])
    func accepted(input: String, normalized: String) {
        #expect(LedgerDate(input)?.text == normalized)
    }

    @Test(arguments: [
        "", "yesterday", "2022-9-10", "10/09/2022", "2022-13-01", "2022-00-10", "2022-02-29", "1900-02-29",
        "2022-04-31", "2022-09-10T24:00", "2022-09-10T12:60", "2022-09-10T12:00:60", "2022-09-10T12", "2022-09-10X",
        "2022-09-10T12:00+25:00", "2022-09-10T12:00:00.Z", "0000-01-01", "２０２２-09-10",
    ])
    func refused(input: String) {
        #expect(LedgerDate(input) == nil)
    }

    @Test func dayIncludesItsMomentsWhenBounding() {
        let day = LedgerDate("2022-09-10")!
        let evening = LedgerDate("2022-09-10T18:00:00Z")!
        let next = LedgerDate("2022-09-11")!
        #expect(evening.text <= day.inclusiveUpperBound)
        #expect(day.text <= day.inclusiveUpperBound)
        #expect(next.text > day.inclusiveUpperBound)
        #expect(day < evening)
        #expect(evening < next)
    }

    @Test func civilDayArithmeticRoundTrips() {
        for days in stride(from: -800_000, through: 800_000, by: 997) {
            let (year, month, day) = LedgerDate.civilFromDays(days)
            #expect(LedgerDate.daysFromCivil(year: year, month: month, day: day) == days)
        }
        #expect(LedgerDate.timestamp(secondsSinceEpoch: 0) == "1970-01-01T00:00:00Z")
        #expect(LedgerDate.timestamp(secondsSinceEpoch: 1_662_820_200) == "2022-09-10T14:30:00Z")
    }

    @Test func todayIsAValidDay() {
        let today = LedgerDate.today()
        #expect(today.isDay)
        #expect(LedgerDate(today.text) == today)
    }
}
