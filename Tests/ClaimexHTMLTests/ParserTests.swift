import ClaimexHTML
import ClaimexModel
import Testing

@Suite struct ParserTests {
    private func parse(_ html: String) throws -> HTMLDocument {
        try HTMLDocument.parse(Array(html.utf8))
    }

    /// A compact dump of a tree: elements as `name(children)`, text quoted.
    private func dump(_ node: HTMLNode) -> String {
        switch node {
        case .text(let text): "\"\(text)\""
        case .element(let element): element.name + "(" + element.children.map(dump).joined(separator: " ") + ")"
        }
    }

    @Test func entitiesAreDecodedAndNamesLowercased() throws {
        let document = try parse("<HTML><BODY><P CLASS=Lead>Ben &amp; Jerry&#8217;s &euro;5&nbsp;m</P></BODY></HTML>")
        #expect(dump(.element(document.root)) == "html(body(p(\"Ben & Jerry\u{2019}s \u{20AC}5\u{A0}m\")))")
        let paragraph = document.root.elementChildren[0].elementChildren[0]
        #expect(paragraph[attribute: "class"] == "Lead")
    }

    @Test func manyDistinctNamesEachKeepTheirOwn() throws {
        // More distinct element and attribute names than the parser's name table first
        // holds, each used twice, in mixed case: every one comes back as written, lowercase.
        let names = (0..<80).map { "X-Tag\($0)" }
        let page = "<html><body>" + (names + names).map { "<\($0) Data-\($0)=v>t</\($0)>" }.joined() + "</body></html>"
        let tree = try parse(page).tree
        let elements = (0..<tree.count).filter { !tree[$0].isText && tree[$0].name.hasPrefix("x-tag") }
        #expect(elements.map { tree[$0].name } == (names + names).map { $0.lowercased() })
        #expect(elements.map { tree[$0].attributes.map(\.name) } == (names + names).map { ["data-" + $0.lowercased()] })
    }

    @Test func nodesCarryTheTagOfTheirName() throws {
        // Upper case, a name the article stages do not ask about, text, and more distinct
        // names than the name table first holds, so that it grows with the tags in it.
        let filler = (0..<70).map { "<x-\($0)></x-\($0)>" }.joined()
        let tree = try parse("<HTML><BODY><DIV>" + filler + "<P>a</P><BlockQuote>b</BlockQuote><x-card>c</x-card><td>d</td></DIV></BODY></HTML>").tree
        let named = (0..<tree.count).filter { !tree[$0].name.hasPrefix("x-") || tree[$0].name == "x-card" }
        #expect(named.map { tree[$0].name } == ["html", "body", "div", "p", "#text", "blockquote", "#text", "x-card", "#text", "td", "#text"])
        #expect(named.map { tree[$0].tag } == [.html, .body, .div, .p, .other, .blockquote, .other, .other, .other, .td, .other])
        for tag in HTMLTag.allCases where tag != .other { #expect(HTMLTag(name: tag.rawValue) == tag) }
        #expect(HTMLTag(name: "#text") == .other && HTMLTag(name: "DIV") == .other)
    }

    @Test func brokenMarkupIsRecoveredAndNoted() throws {
        let document = try parse("<div><p>one<p>two</span><li>three</div>")
        #expect(dump(.element(document.root)) == "html(body(div(p(\"one\") p(\"two\") li(\"three\"))))")
        #expect(document.diagnostics.contains { $0.message.contains("Unexpected end tag : span") })
    }

    @Test func scriptTextIsKeptForJSONLD() throws {
        let document = try parse("<head><script type=\"application/ld+json\">{\"a\": \"<b>\"}</script></head>")
        #expect(dump(.element(document.root)) == #"html(head(script("{"a": "<b>"}")))"#)
    }

    @Test func externalEntitiesAndDTDsAreNeverLoaded() throws {
        let html = """
        <!DOCTYPE html SYSTEM "file:///etc/passwd" [<!ENTITY x SYSTEM "file:///etc/passwd">]>
        <html><body><p>a &x; b</p></body></html>
        """
        let document = try parse(html)
        let text = dump(.element(document.root))
        #expect(!text.contains("root:"))
    }

    @Test func deepNestingIsFlattenedAtTheLimit() throws {
        let html = String(repeating: "<div>", count: 50) + "deep text" + String(repeating: "</div>", count: 50)
        let document = try HTMLDocument.parse(Array(html.utf8), limits: ParseLimits(maxDepth: 10))
        #expect(document.diagnostics.contains(Diagnostic(.warning, "1 elements nested deeper than 10 levels were flattened")))
        #expect(dump(.element(document.root)).contains("deep text"))
    }

    @Test func treeHoldsSubtreesAsRangesInDocumentOrder() throws {
        let document = try parse("<div id=a><p>one <b>two</b></p>three<br>four</div><p>five</p>")
        let tree = document.tree
        #expect(tree.nodes.map(\.name) == ["html", "body", "div", "p", "#text", "b", "#text", "#text", "br", "#text", "p", "#text"])
        #expect(tree.nodes.map(\.end) == [12, 12, 10, 7, 5, 7, 7, 8, 9, 10, 12, 12])
        #expect(tree.nodes.map(\.parent) == [-1, 0, 1, 2, 3, 3, 5, 2, 2, 2, 1, 10])
        #expect(tree.children(of: 2) == [3, 7, 8, 9])
        #expect(tree.text(under: 2) == "one twothree four")
        #expect(tree[2][attribute: "id"] == "a")
        // The nested view and the flat tree say the same, both ways.
        #expect(dump(.element(document.root)) == #"html(body(div(p("one " b("two")) "three" br() "four") p("five")))"#)
        #expect(HTMLTree(root: document.root).nodes == tree.nodes)
    }
    @Test func adjacentTextIsOneNodeUntilAnotherNodeComesBetween() throws {
        // Entities split the text into pieces that make one node; a comment ends it.
        let document = try parse("<p>AT&amp;T &lt;3<!-- note -->after &eacute;</p>")
        #expect(dump(.element(document.root)) == "html(body(p(\"AT&T <3\" \"after \u{E9}\")))")
    }

    @Test func scriptTextAndMarkupTextStayApart() throws {
        let document = try parse("<div>before<script>var a = 1 < 2;</script>after</div>")
        #expect(dump(.element(document.root)) == #"html(body(div("before" script("var a = 1 < 2;") "after")))"#)
    }

    @Test func attributesWithoutValues() throws {
        // A boolean attribute's value is its name; any other attribute without a value is empty.
        let document = try parse(#"<input DISABLED data-x type=text Checked>"#)
        let input = document.tree[2]
        #expect(input.name == "input")
        #expect(input.attributes == [HTMLAttribute(name: "disabled", value: "disabled"), HTMLAttribute(name: "data-x", value: ""),
                                     HTMLAttribute(name: "type", value: "text"), HTMLAttribute(name: "checked", value: "checked")])
    }

    @Test func contentAfterTheRootEnds() throws {
        // libxml2 starts a second `html` for it. Without a doctype (or a comment) before
        // the root, that element goes under the root; otherwise beside it, out of the tree.
        let bare = try parse("<html><body><p>in</p></body></html><p>out</p>tail")
        #expect(dump(.element(bare.root)) == #"html(body(p("in")) html(p("out") p("tail")))"#)
        #expect(bare.tree.nodes.map(\.end) == [9, 4, 4, 4, 9, 7, 7, 9, 9])
        let declared = try parse("<!DOCTYPE html><html><body><p>in</p></body></html><p>out</p>tail")
        #expect(dump(.element(declared.root)) == #"html(body(p("in")))"#)
        let commented = try parse("<!-- c --><html><body><p>in</p></body></html><p>out</p>")
        #expect(dump(.element(commented.root)) == #"html(body(p("in")))"#)
    }

    @Test func flattenedElementsBecomeOneTextNodeInPlace() throws {
        let html = "<div><div>x<div>a<b>b</b><script>s()</script><i>c</i></div>y</div></div>"
        let document = try HTMLDocument.parse(Array(html.utf8), limits: ParseLimits(maxDepth: 4))
        #expect(dump(.element(document.root)) == #"html(body(div(div("x" " a b c" "y"))))"#)
        #expect(document.diagnostics.contains(Diagnostic(.warning, "1 elements nested deeper than 4 levels were flattened")))
        #expect(document.tree.nodes.map(\.end) == [7, 7, 7, 7, 5, 6, 7])
    }

    @Test func aPageWithoutElementsHasNoTree() throws {
        #expect(throws: HTMLError.self) { try parse("") }
        #expect(throws: HTMLError.self) { try parse("<!-- only a comment -->") }
    }

    /// Article extraction asks for JSON-LD scripts' text only: other scripts and styles
    /// keep their (empty) text nodes, so the tree has the same shape either way.
    @Test func rawTextKeptIsJSONLDOnlyWhenAsked() throws {
        let page = Array(("<html><head><style>p { color: red }</style><script>var a = 1;</script>"
            + "<script type=\"Application/LD+JSON\">{\"headline\": \"H\"}</script></head>"
            + "<body><p>Text <b>bold</b></p><script>more()</script></body></html>").utf8)
        let all = try HTMLDocument.parse(page).tree
        let kept = try HTMLDocument.parse(page, limits: ParseLimits(rawText: .jsonLDOnly)).tree
        #expect(all.nodes.map(\.name) == kept.nodes.map(\.name))
        #expect(all.nodes.map(\.end) == kept.nodes.map(\.end))
        #expect(all.nodes.compactMap(\.text) == ["p { color: red }", "var a = 1;", "{\"headline\": \"H\"}", "Text ", "bold", "more()"])
        #expect(kept.nodes.compactMap(\.text) == ["", "", "{\"headline\": \"H\"}", "Text ", "bold", ""])
    }

    /// A reader of a few attributes gets those, and an attribute kept on some elements
    /// only there; the rest are left out, and an element keeps its place either way.
    @Test func attributesKeptAreTheOnesAsked() throws {
        var html = "<html><head><link rel=canonical href=/a><meta name=x content=y></head><body>"
        // Enough distinct names to grow the parser's table of names.
        for index in 0..<80 { html += "<p class=c\(index) data-n\(index)=v href=/p\(index)>t</p>" }
        html += "<a href=/b class=k title=t>x</a></body></html>"
        let filter = ParseLimits.Attributes(names: ["class", "rel", "name", "content"], keptOn: ["link": ["href"]])
        let tree = try HTMLDocument.parse(Array(html.utf8), limits: ParseLimits(attributes: filter)).tree
        let full = try HTMLDocument.parse(Array(html.utf8)).tree
        #expect(tree.nodes.map(\.name) == full.nodes.map(\.name))
        let byName = Dictionary(grouping: tree.nodes.filter { !$0.isText }, by: \.name)
        #expect(byName["link"]?.first?.attributes.map { "\($0.name)=\($0.value)" } == ["rel=canonical", "href=/a"])
        #expect(byName["meta"]?.first?.attributes.map(\.name) == ["name", "content"])
        #expect(byName["a"]?.first?.attributes.map { "\($0.name)=\($0.value)" } == ["class=k"])
        #expect(byName["p"]?.map { $0.attributes.map(\.name) } == Array(repeating: ["class"], count: 80))
        #expect(byName["p"]?.last?[attribute: "class"] == "c79")
        #expect(full.nodes.first { $0.name == "a" }?.attributes.count == 3)
    }
}
