@testable import CustomerService
import Testing

@Suite("PostgresTimestamp")
struct PostgresTimestampTests {
    @Test(arguments: [
        (Int64(0), "1970-01-01 00:00:00.000000"),
        (1_731_679_200_000_000, "2024-11-15 14:00:00.000000"),
        (951_782_400_000_001, "2000-02-29 00:00:00.000001"),
        (-1, "1969-12-31 23:59:59.999999"),
        (253_402_300_799_999_999, "9999-12-31 23:59:59.999999"),
        (-62_135_596_800_000_000, "0001-01-01 00:00:00.000000"),
    ])
    func formatsAndParsesBack(micros: Int64, text: String) {
        #expect(PostgresTimestamp.format(micros: micros) == text)
        #expect(PostgresTimestamp.parse(text) == micros)
    }

    @Test func parsesTheServersShortFractions() {
        #expect(PostgresTimestamp.parse("2024-11-15 14:00:00") == 1_731_679_200_000_000)
        #expect(PostgresTimestamp.parse("2024-11-15 14:00:00.5") == 1_731_679_200_500_000)
        #expect(PostgresTimestamp.parse("2024-11-15 14:00:00.12") == 1_731_679_200_120_000)
    }

    @Test(arguments: ["", "infinity", "2024-11-15", "2024-13-01 00:00:00", "2024-11-15T14:00:00", "2024-11-15 14:00:00+00",
                      "2024-11-15 14:00:00.1234567", "2024-11-15 24:00:00", "2024-11-15 14:00:00."])
    func refusesAnythingElse(text: String) {
        #expect(PostgresTimestamp.parse(text) == nil)
    }

    @Test func everyDayOfFourHundredYearsRoundTrips() {
        let start = PostgresTimestamp.days(fromCivil: 1900, 1, 1)
        for day in start..<(start + 146_097) {
            let (year, month, dayOfMonth) = PostgresTimestamp.civil(fromDays: day)
            #expect(PostgresTimestamp.days(fromCivil: year, month, dayOfMonth) == day)
        }
    }
}
