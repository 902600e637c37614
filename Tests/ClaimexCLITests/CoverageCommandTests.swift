import Foundation
import Testing

/// `claimex rules coverage` on a page written for the test.
@Suite struct CoverageCommandTests {
    static let page = """
    <html lang="en"><head><title>Quarry raises | Test Wire</title></head><body><article>
    <h1>Quarry raises</h1>
    <p>Quarry Labs raised $40 million from Northwind Capital, the company said on Monday.</p>
    <p>Shares of Acme ($ACME) rose 5% after the news. The app now has 350 million users.</p>
    <p>Its rival paid 12 million euros for a warehouse, a deal that is still in doubt.</p>
    </article></body></html>
    """

    @Test func countsFiringsRecordsAndMoneyWithoutClaims() throws {
        let folder = try PageFolder()
        try folder.write("corpus/quarry.html", Array(Self.page.utf8))
        let result = try CLIRunner.run(["rules", "coverage", "corpus"], in: folder.url)
        #expect(result.status == 0, "\(result.stderr)")
        let lines = result.stdout.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        #expect(lines.first?.hasPrefix("coverage of ") == true)
        #expect(lines.first?.hasSuffix(" rules on 1 page (corpus), 0 unreadable") == true)
        func row(_ rule: String) -> [String]? {
            lines.first { $0.hasPrefix(rule + " ") }?.split(separator: " ").map(String.init)
        }
        // rule, stage, fires, pages, records, lost, examples
        #expect(row("money.symbol-number-scale")?[1...5] == ["money", "1", "1", "1", "0"])
        #expect(row("money.number-currency-word")?[1...4] == ["money", "1", "1", "1"])
        #expect(row("invest.passive")?[2...4] == ["0", "0", "0"])
        #expect(result.stdout.contains("\nnever fired ("))
        #expect(result.stdout.contains("\n  invest.passive  (relations, "))
        #expect(!result.stdout.contains("\n  money.symbol-number-scale  ("))
        #expect(result.stdout.contains("""

        sentences with money but no money record (2):
          corpus/quarry.html [3]: Shares of Acme ($ACME) rose 5% after the news.
              cues: $ (sign)
          corpus/quarry.html [4]: The app now has 350 million users.
              cues: 350 million (number+scale)

        """))
    }
}
