import ClaimexOutput
import Foundation

/// A single static HTML file for reviewing records (`claimex report`): each page's text with
/// its entities and amounts highlighted, its investment edges with their evidence, and, when
/// compared with a baseline, what changed. Filters by kind, rule, changed pages and page
/// name run in the page itself; their state is kept in the URL's `#` part
/// (`#kind=money,investment&rule=money.range-symbol&changed=1&q=halvard`). Everything —
/// styles, script, data — is inline: the file loads nothing from anywhere.
public struct ReviewPage: Sendable {
    /// One page's records, and its changes when a baseline was given.
    public struct Page: Sendable {
        /// The page's path.
        public let path: String
        /// Its records, article (or error) first.
        public let records: [JSONValue]
        /// Its changes against the baseline, or nil when unchanged or not compared.
        public let diff: PageDiff?

        /// Creates a page.
        public init(path: String, records: [JSONValue], diff: PageDiff? = nil) {
            self.path = path
            self.records = records
            self.diff = diff
        }
    }

    /// The pages, in order.
    public let pages: [Page]
    /// The baseline compared with, when there was one.
    public let baseline: String?

    /// Creates a review page.
    public init(pages: [Page], baseline: String?) {
        self.pages = pages
        self.baseline = baseline
    }

    /// The record kinds the filters offer.
    static let kinds = ["entity", "money", "investment"]

    /// Groups JSON Lines records into pages: each `article` or `error` record starts one, as
    /// claimex writes them.
    public static func pages(jsonLines: String, file: String) throws(RegressionError) -> [Page] {
        var pages: [Page] = []
        var current: [JSONValue] = []
        func flush() {
            guard let first = current.first else { return }
            pages.append(Page(path: first[member: "path"]?.stringValue ?? file, records: current))
            current = []
        }
        for record in try RegressionRun.records(jsonLines, file: file) {
            if ["article", "error"].contains(record[member: "kind"]?.stringValue) { flush() }
            current.append(record)
        }
        flush()
        return pages
    }

    // MARK: - Document

    /// The HTML document.
    public func html() -> String {
        var counts: [String: Int] = [:]
        var rules: Set<String> = []
        for page in pages {
            for record in page.records {
                counts[record[member: "kind"]?.stringValue ?? "?", default: 0] += 1
                for key in ["rule", "role_rule"] { if let rule = record[member: key]?.stringValue { rules.insert(rule) } }
            }
            for change in page.diff?.changes ?? [] { rules.formUnion(change.rules) }
        }
        let changedPages = pages.filter { $0.diff != nil }.count
        var totals = RuleTally(rule: "")
        for page in pages { for change in page.diff?.changes ?? [] { totals.count(change.change) } }

        var out = """
        <!DOCTYPE html>
        <html lang="en"><head><meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <title>claimex report</title>
        <style>\(Self.style)</style>
        </head><body>
        <header>
        <h1>claimex report</h1>

        """
        var summary = "\(RegressionReport.count(pages.count, "page")) · \(counts["entity", default: 0]) entities · \(counts["money", default: 0]) amounts · "
            + "\(counts["investment", default: 0]) investments · \(counts["error", default: 0]) errors"
        if let baseline {
            summary += " — against \(baseline)/: \(RegressionReport.count(changedPages, "page")) changed, \(totals.added) added, \(totals.removed) removed, \(totals.changed) changed records"
        }
        out += "<p class=\"summary\" id=\"summary\">\(Self.escape(summary))</p>\n"
        out += "<form id=\"filters\" autocomplete=\"off\">\n"
        for kind in Self.kinds {
            out += "<label class=\"k-\(kind)\"><input type=\"checkbox\" name=\"kind\" value=\"\(kind)\" checked> \(kind)</label>\n"
        }
        out += "<select id=\"rule\" aria-label=\"rule\"><option value=\"\">every rule</option>"
        for rule in rules.sorted() { out += "<option>\(Self.escape(rule))</option>" }
        out += "</select>\n"
        if baseline != nil {
            out += "<label><input type=\"checkbox\" id=\"changed\"> changed pages only</label>\n"
        }
        out += "<input type=\"search\" id=\"q\" placeholder=\"page or title\" aria-label=\"page or title\">\n</form>\n"
        out += "<p id=\"status\">showing <b id=\"shown-pages\">\(pages.count)</b> pages: <b id=\"shown-entity\">\(counts["entity", default: 0])</b> entities, "
            + "<b id=\"shown-money\">\(counts["money", default: 0])</b> amounts, <b id=\"shown-investment\">\(counts["investment", default: 0])</b> investments"
            + (baseline != nil ? ", <b id=\"shown-changes\">\(totals.added + totals.removed + totals.changed)</b> changes" : "") + "</p>\n"
        out += "</header>\n<main>\n"
        for page in pages { out += section(page) }
        out += "</main>\n<script>\(Self.script)</script>\n</body></html>\n"
        return out
    }

    // MARK: - Pages

    func section(_ page: Page) -> String {
        let article = page.records.first { $0[member: "kind"]?.stringValue == "article" }
        let title = article?[member: "title"]?.stringValue ?? (page.path as NSString).lastPathComponent
        var statusOf: [String: String] = [:]
        for change in page.diff?.changes ?? [] where change.change != .removed {
            if let id = change.after?[member: "id"]?.stringValue { statusOf[id] = change.change.rawValue }
        }
        var out = "<section class=\"page\" data-changed=\"\(page.diff == nil ? 0 : 1)\" data-search=\"\(Self.escape((page.path + " " + title).lowercased()))\">\n"
        out += "<h2>\(Self.escape(title))</h2>\n<p class=\"meta\">\(Self.escape(page.path))"
        if let article {
            for key in ["site", "published", "byline", "encoding"] {
                if let value = article[member: key]?.stringValue { out += " · " + Self.escape(value) }
            }
        }
        out += "</p>\n"
        if let diff = page.diff { out += changes(diff) }
        for record in page.records where record[member: "kind"]?.stringValue == "error" {
            out += "<p class=\"error\">error [\(Self.escape(record[member: "stage"]?.stringValue ?? "?"))]: \(Self.escape(record[member: "message"]?.stringValue ?? ""))</p>\n"
        }
        if let article { out += text(article, records: page.records, status: statusOf) }
        let entities = page.records.filter { $0[member: "kind"]?.stringValue == "entity" }
        if !entities.isEmpty {
            // Every entity once, with its key: also those whose mentions an amount covers.
            out += "<p class=\"entities\">"
            for entity in entities {
                let id = entity[member: "id"]?.stringValue ?? ""
                let type = entity[member: "type"]?.stringValue ?? ""
                let rule = entity[member: "rule"]?.stringValue ?? ""
                var mentions = 0
                if case .array(let spans)? = entity[member: "mentions"] { mentions = spans.count }
                var classes = "rec entity chip t-\(type.lowercased())"
                if let status = statusOf[id] { classes += " " + status }
                out += "<span class=\"\(Self.escape(classes))\" data-kind=\"entity\" data-id=\"\(Self.escape(id))\" data-rules=\"\(Self.escape(rule))\""
                out += " title=\"\(Self.escape("\(type) · \(entity[member: "key"]?.stringValue ?? "") · \(mentions) mention\(mentions == 1 ? "" : "s") · \(rule)"))\">"
                out += Self.escape(entity[member: "name"]?.stringValue ?? "") + "</span> "
            }
            out += "</p>\n"
        }
        let edges = page.records.filter { $0[member: "kind"]?.stringValue == "investment" }
        if !edges.isEmpty {
            out += "<table class=\"edges\"><thead><tr><th>investor</th><th>investee</th><th>amount</th><th>modality</th><th>rule</th><th>evidence</th></tr></thead><tbody>\n"
            for edge in edges { out += row(edge, status: statusOf) }
            out += "</tbody></table>\n"
        }
        return out + "</section>\n"
    }

    /// The list of a page's changes against the baseline.
    func changes(_ diff: PageDiff) -> String {
        let heading: String
        switch diff.status {
        case .changed: heading = "changed against the baseline: \(diff.counts.summary)"
        case .new: heading = "new page, not in the baseline: \(diff.counts.summary)"
        case .gone: heading = "gone: \(diff.baselineFile) has no page any more: \(diff.counts.summary)"
        }
        var out = "<details class=\"diff\" open><summary>\(Self.escape(heading))</summary><ul>\n"
        for change in diff.changes {
            out += "<li class=\"chg \(change.change.rawValue)\" data-kind=\"\(Self.escape(change.kind))\" data-rules=\"\(Self.escape(change.rules.joined(separator: " ")))\">"
            out += "<code>\(change.change.sign)</code> \(Self.escape(RegressionReport.label(change.record)))"
            out += " <span class=\"by\">by \(Self.escape(RegressionReport.ruleLabel(change)))</span>"
            if !change.fields.isEmpty {
                out += "<ul class=\"fields\">"
                for field in change.fields {
                    out += "<li><b>\(Self.escape(field.field))</b>: <del>\(Self.escape(RegressionReport.shown(field.before)))</del> → <ins>\(Self.escape(RegressionReport.shown(field.after)))</ins></li>"
                }
                out += "</ul>"
            }
            if let sentence = change.sentence { out += "<q>\(Self.escape(sentence))</q>" }
            out += "</li>\n"
        }
        return out + "</ul></details>\n"
    }

    /// A highlighted stretch of the article text.
    struct Mark {
        let start: Int
        let end: Int
        let kind: String
        let id: String
        let rules: [String]
        let type: String
        let title: String
        let status: String?
    }

    /// The article's text, block by block, with every amount and entity mention marked.
    func text(_ article: JSONValue, records: [JSONValue], status: [String: String]) -> String {
        guard let text = article[member: "text"]?.stringValue else { return "" }
        let scalars = Array(text.unicodeScalars)
        func string(_ start: Int, _ end: Int) -> String {
            let low = max(0, min(start, scalars.count)), high = max(low, min(end, scalars.count))
            return String(String.UnicodeScalarView(scalars[low..<high]))
        }
        func rules(_ record: JSONValue) -> [String] {
            ["rule", "role_rule"].compactMap { record[member: $0]?.stringValue }
        }
        // Amounts first; entity mentions where no amount is.
        var amounts: [Mark] = [], mentions: [Mark] = []
        for record in records {
            let id = record[member: "id"]?.stringValue ?? ""
            switch record[member: "kind"]?.stringValue {
            case "money":
                guard let span = record[member: "span"]?.spanValue else { continue }
                var title = "\(record[member: "value"]?.serialized() ?? "?") \(record[member: "currency"]?.stringValue ?? "")"
                if let qualifier = record[member: "qualifier"]?.stringValue { title += " · \(qualifier)" }
                if let range = record[member: "range"] { title += " · range \(range.serialized())" }
                if let period = record[member: "period"]?.stringValue { title += " · per \(period)" }
                title += " · role \(record[member: "role"]?.stringValue ?? "?")"
                if let subject = record[member: "subject"]?[member: "name"]?.stringValue { title += " of \(subject)" }
                title += " · " + rules(record).joined(separator: ", ")
                amounts.append(Mark(start: span.start, end: span.end, kind: "money", id: id, rules: rules(record),
                                    type: record[member: "role"]?.stringValue ?? "", title: title, status: status[id]))
            case "entity":
                guard case .array(let spans)? = record[member: "mentions"] else { continue }
                let type = record[member: "type"]?.stringValue ?? ""
                let title = "\(type) \(record[member: "name"]?.stringValue ?? "") · \(record[member: "key"]?.stringValue ?? "") · \(rules(record).joined(separator: ", "))"
                for span in spans.compactMap(\.spanValue) {
                    mentions.append(Mark(start: span.start, end: span.end, kind: "entity", id: id, rules: rules(record),
                                         type: type, title: title, status: status[id]))
                }
            default:
                continue
            }
        }
        var marks = amounts
        for mention in mentions.sorted(by: { ($0.start, -$0.end) < ($1.start, -$1.end) })
        where !marks.contains(where: { $0.start < mention.end && mention.start < $0.end }) {
            marks.append(mention)
        }
        marks.sort { ($0.start, $0.end) < ($1.start, $1.end) }

        var blocks: [(kind: String, start: Int, end: Int, level: Int?)] = []
        if case .array(let items)? = article[member: "blocks"] {
            for item in items {
                guard let span = item[member: "span"]?.spanValue else { continue }
                var level: Int?
                if case .int(let value)? = item[member: "level"] { level = value }
                blocks.append((item[member: "kind"]?.stringValue ?? "paragraph", span.start, span.end, level))
            }
        }
        if blocks.isEmpty { blocks = [("paragraph", 0, scalars.count, nil)] }
        var out = "<div class=\"text\">\n"
        var next = 0
        for block in blocks {
            let tag: String
            switch block.kind {
            case "heading": tag = "h\(min(6, max(3, (block.level ?? 1) + 2)))"
            case "list_item": tag = "li"
            case "quote": tag = "blockquote"
            case "preformatted": tag = "pre"
            default: tag = "p"
            }
            out += "<\(tag) class=\"block \(Self.escape(block.kind))\">"
            var position = block.start
            while next < marks.count, marks[next].end <= block.start { next += 1 }
            var index = next
            while index < marks.count, marks[index].start < block.end {
                let mark = marks[index]
                index += 1
                guard mark.start >= position, mark.end <= block.end else { continue }
                out += Self.escape(string(position, mark.start))
                var classes = "rec \(mark.kind) t-\(mark.type.lowercased())"
                if let status = mark.status { classes += " \(status)" }
                out += "<mark class=\"\(Self.escape(classes))\" data-kind=\"\(mark.kind)\" data-id=\"\(Self.escape(mark.id))\""
                out += " data-rules=\"\(Self.escape(mark.rules.joined(separator: " ")))\" title=\"\(Self.escape(mark.title))\">"
                out += Self.escape(string(mark.start, mark.end)) + "</mark>"
                position = mark.end
            }
            out += Self.escape(string(position, block.end)) + "</\(tag)>\n"
        }
        return out + "</div>\n"
    }

    /// One investment edge as a table row.
    func row(_ edge: JSONValue, status: [String: String]) -> String {
        let id = edge[member: "id"]?.stringValue ?? ""
        let rule = edge[member: "rule"]?.stringValue ?? ""
        var classes = "rec investment"
        if let status = status[id] { classes += " " + status }
        var investor = edge[member: "investor"]?[member: "name"]?.stringValue ?? "(not named)"
        if case .array(let others)? = edge[member: "co_investors"], !others.isEmpty {
            investor += " (with " + others.compactMap { $0[member: "name"]?.stringValue }.joined(separator: ", ") + ")"
        }
        let amount = edge[member: "amount"]?[member: "text"]?.stringValue ?? ""
        var out = "<tr class=\"\(classes)\" data-kind=\"investment\" data-id=\"\(Self.escape(id))\" data-rules=\"\(Self.escape(rule))\">"
        out += "<td>\(Self.escape(investor))</td><td>\(Self.escape(edge[member: "investee"]?[member: "name"]?.stringValue ?? ""))</td>"
        out += "<td>\(Self.escape(amount))</td><td>\(Self.escape(edge[member: "modality"]?.stringValue ?? ""))</td>"
        out += "<td><code>\(Self.escape(rule))</code></td><td>\(Self.escape(edge[member: "evidence"]?[member: "text"]?.stringValue ?? ""))</td></tr>\n"
        return out
    }

    /// Text safe inside HTML elements and quoted attributes.
    static func escape(_ text: String) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count)
        for character in text {
            switch character {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            default: out.append(character)
            }
        }
        return out
    }

    // MARK: - Style and script

    static let style = """
    body{font:15px/1.5 system-ui,sans-serif;margin:0;color:#1d1d1f;background:#fafafa}
    header{position:sticky;top:0;background:#fff;border-bottom:1px solid #ddd;padding:.5em 1.5em;z-index:1}
    h1{font-size:1.2em;margin:.2em 0}.summary,.meta,#status{color:#555;margin:.2em 0}
    form{display:flex;gap:1em;flex-wrap:wrap;align-items:center}
    main{padding:0 1.5em 2em;max-width:72em}
    section.page{background:#fff;border:1px solid #ddd;border-radius:6px;margin:1em 0;padding:.5em 1.2em}
    section.page h2{font-size:1.1em;margin:.4em 0 0}
    .text p,.text li,.text blockquote{margin:.4em 0}
    .rec{border-radius:3px;padding:0 1px;cursor:help}
    .money{background:#ffe08a}.entity{background:#cfe3ff}
    .t-person{background:#e2d4ff}.t-gpe{background:#d4f2dc}.t-product{background:#ffd9e8}
    .chip{display:inline-block;padding:0 .35em;margin:.1em 0;font-size:.9em}
    .rec.added{outline:2px solid #1a7f37}.rec.changed{outline:2px dashed #bf8700}
    mark.off{background:none;outline:none;cursor:auto}span.chip.off{display:none}
    .k-money{background:#ffe08a}.k-entity{background:#cfe3ff}.k-investment{background:#eee}
    form label{padding:0 .4em;border-radius:3px}
    table.edges{border-collapse:collapse;width:100%;margin:.6em 0;font-size:.92em}
    table.edges th,table.edges td{border-top:1px solid #e5e5e5;text-align:left;padding:.25em .4em;vertical-align:top}
    tr.added{background:#e6f4ea}tr.changed{background:#fff4d6}tr.off,.chg.off{display:none}
    details.diff{background:#f6f8fa;border:1px solid #d0d7de;border-radius:6px;padding:.3em .8em;margin:.5em 0}
    .chg{margin:.3em 0}.chg code{font-weight:bold}.chg.added code{color:#1a7f37}.chg.removed code{color:#cf222e}.chg.changed code{color:#9a6700}
    .chg q{display:block;color:#555;font-style:italic}.fields{margin:.1em 0}.by{color:#666}
    del{color:#cf222e}ins{color:#1a7f37;text-decoration:none}.error{color:#cf222e}
    """

    static let script = """
    (function () {
      var kinds = ['entity', 'money', 'investment'];
      function read() {
        var state = {};
        location.hash.replace(/^#/, '').split('&').forEach(function (part) {
          var i = part.indexOf('=');
          if (i > 0) state[decodeURIComponent(part.slice(0, i))] = decodeURIComponent(part.slice(i + 1));
        });
        if (state.kind !== undefined) {
          var on = state.kind.split(',');
          document.querySelectorAll('input[name=kind]').forEach(function (box) { box.checked = on.indexOf(box.value) >= 0; });
        }
        if (state.rule !== undefined) document.getElementById('rule').value = state.rule;
        var changed = document.getElementById('changed');
        if (changed && state.changed !== undefined) changed.checked = state.changed === '1';
        if (state.q !== undefined) document.getElementById('q').value = state.q;
      }
      function apply() {
        var on = [];
        document.querySelectorAll('input[name=kind]:checked').forEach(function (box) { on.push(box.value); });
        var rule = document.getElementById('rule').value;
        var changedBox = document.getElementById('changed');
        var changedOnly = changedBox ? changedBox.checked : false;
        var query = document.getElementById('q').value.trim().toLowerCase();
        var pages = 0, changes = 0, shown = {entity: {}, money: {}, investment: {}};
        document.querySelectorAll('section.page').forEach(function (page) {
          var visible = 0;
          page.querySelectorAll('.rec, .chg').forEach(function (item) {
            var kind = item.dataset.kind;
            var kindOn = kinds.indexOf(kind) < 0 || on.indexOf(kind) >= 0;
            var ruleOn = !rule || item.dataset.rules.split(' ').indexOf(rule) >= 0;
            item.classList.toggle('off', !(kindOn && ruleOn));
            if (kindOn && ruleOn) visible++;
          });
          var show = (!rule || visible > 0) && (!changedOnly || page.dataset.changed === '1')
            && (!query || page.dataset.search.indexOf(query) >= 0);
          page.hidden = !show;
          if (!show) return;
          pages++;
          page.querySelectorAll('.rec:not(.off)').forEach(function (item) { shown[item.dataset.kind][item.dataset.id] = true; });
          changes += page.querySelectorAll('.chg:not(.off)').length;
        });
        document.getElementById('shown-pages').textContent = pages;
        kinds.forEach(function (kind) { document.getElementById('shown-' + kind).textContent = Object.keys(shown[kind]).length; });
        var changeCount = document.getElementById('shown-changes');
        if (changeCount) changeCount.textContent = changes;
        var parts = [];
        if (on.length !== kinds.length) parts.push('kind=' + on.join(','));
        if (rule) parts.push('rule=' + encodeURIComponent(rule));
        if (changedOnly) parts.push('changed=1');
        if (query) parts.push('q=' + encodeURIComponent(query));
        var hash = parts.length ? '#' + parts.join('&') : '';
        if (location.hash !== hash) history.replaceState(null, '', hash || location.pathname + location.search);
      }
      read();
      apply();
      document.getElementById('filters').addEventListener('input', apply);
      window.addEventListener('hashchange', function () { read(); apply(); });
    })();
    """
}
