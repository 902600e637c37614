import Claimex
import ClaimexOutput
import Testing

/// The review page `claimex report` writes.
@Suite struct ReviewPageTests {
    // Offsets count code points: the rocket is one, so "Acme" is 2..<6.
    static let lines = [
        #"{"v":1,"kind":"article","doc":"d1","path":"a.html","title":"Acme <raises>","text":"🚀 Acme raised $5 million & more.\n\nNo money here.","blocks":[{"kind":"paragraph","span":[0,32]},{"kind":"paragraph","span":[34,48]}]}"#,
        #"{"v":1,"kind":"entity","doc":"d1","id":"e1","rule":"entity.org-gazetteer","type":"ORG","name":"Acme","key":"org:acme","mentions":[[2,6]]}"#,
        #"{"v":1,"kind":"money","doc":"d1","id":"m1","rule":"money.symbol-number-scale","value":5000000,"currency":"USD","qualifier":null,"text":"$5 million","span":[14,24],"role":"funding","subject":{"name":"Acme","key":"org:acme"},"role_rule":"role.funding-raised"}"#,
        #"{"v":1,"kind":"investment","doc":"d1","id":"i1","rule":"invest.raised","investor":null,"investee":{"name":"Acme","key":"org:acme"},"amount":{"value":5000000,"currency":"USD","qualifier":null,"text":"$5 million","span":[14,24]},"joint":false,"co_investors":[],"modality":"asserted","evidence":{"span":[0,32],"text":"🚀 Acme raised $5 million & more."}}"#,
        #"{"v":1,"kind":"error","doc":null,"path":"b.html","stage":"read","message":"no such file; check the path"}"#,
    ]

    @Test func groupsRecordsIntoPages() throws {
        let pages = try ReviewPage.pages(jsonLines: Self.lines.joined(separator: "\n") + "\n", file: "x.jsonl")
        #expect(pages.map(\.path) == ["a.html", "b.html"])
        #expect(pages.map(\.records.count) == [4, 1])
    }

    @Test func marksAmountsAndMentionsAtCodePointOffsets() throws {
        let pages = try ReviewPage.pages(jsonLines: Self.lines.joined(separator: "\n"), file: "x.jsonl")
        let html = ReviewPage(pages: pages, baseline: nil).html()
        #expect(html.contains("""
        <p class="block paragraph">🚀 <mark class="rec entity t-org" data-kind="entity" data-id="e1" data-rules="entity.org-gazetteer" \
        title="ORG Acme · org:acme · entity.org-gazetteer">Acme</mark> raised <mark class="rec money t-funding" data-kind="money" data-id="m1" \
        data-rules="money.symbol-number-scale role.funding-raised" title="5000000 USD · role funding of Acme · money.symbol-number-scale, role.funding-raised">\
        $5 million</mark> &amp; more.</p>
        <p class="block paragraph">No money here.</p>
        """))
        #expect(html.contains("<h2>Acme &lt;raises&gt;</h2>"))
        #expect(html.contains("<td>(not named)</td><td>Acme</td><td>$5 million</td><td>asserted</td><td><code>invest.raised</code></td>"))
        #expect(html.contains("<p class=\"error\">error [read]: no such file; check the path</p>"))
        #expect(html.contains("<p class=\"summary\" id=\"summary\">2 pages · 1 entities · 1 amounts · 1 investments · 1 errors</p>"))
        #expect(!html.contains("src="))
        #expect(!html.contains("<link"))
    }

    @Test func showsChangesAgainstABaseline() throws {
        let records = try Self.lines.prefix(3).map { try JSONValue.parse($0) }
        let before = try JSONValue.parse(Self.lines[2].replacingOccurrences(of: #""role":"funding""#, with: #""role":"other""#))
        let change = RecordChange(change: .changed, before: before, after: records[2],
                                  fields: RecordDiffer.fieldChanges(before, records[2]), sentence: "🚀 Acme raised $5 million & more.")
        let diff = PageDiff(path: "a.html", baselineFile: "base/a.html.jsonl", status: .changed, changes: [change])
        let html = ReviewPage(pages: [ReviewPage.Page(path: "a.html", records: records, diff: diff)], baseline: "base").html()
        #expect(html.contains("<section class=\"page\" data-changed=\"1\""))
        #expect(html.contains("<summary>changed against the baseline: ~1</summary>"))
        #expect(html.contains("""
        <li class="chg changed" data-kind="money" data-rules="role.funding-raised"><code>~</code> money &quot;$5 million&quot; 5000000 USD \
        <span class="by">by money.symbol-number-scale</span><ul class="fields"><li><b>role</b>: <del>&quot;other&quot;</del> → \
        <ins>&quot;funding&quot;</ins></li></ul><q>🚀 Acme raised $5 million &amp; more.</q></li>
        """))
        #expect(html.contains("<mark class=\"rec money t-funding changed\""))
        #expect(html.contains("— against base/: 1 page changed, 0 added, 0 removed, 1 changed records"))
    }
}
