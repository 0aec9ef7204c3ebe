import BacklashCore

extension PageNotification {
    /// A short subject line: `[Backlash] HIGH incident 17: <title>`.
    public var subjectLine: String {
        let head = "[Backlash] \(severity.uppercased()) incident \(incident)"
        if held.count > 1 { return head + " and \(held.count - 1) more: \(title)" }
        return head + ": " + title
    }

    /// One paragraph for chat webhooks: severity, title, why they are paged, reasons and the ack command.
    public var chatParagraph: String {
        var text = "\(severity.uppercased()) incident \(incident): \(title)."
        text += " " + pagedBecause + "."
        if !reasons.isEmpty {
            text += " Reasons: " + reasons.map { Self.oneLine($0) }.joined(separator: "; ") + "."
        }
        if !promises.isEmpty {
            text += " Open promises: " + promises.map { "#\($0.id) due \(RFC3339.format($0.due)) (\($0.owner)): "
                + Self.oneLine($0.text) }.joined(separator: "; ") + "."
        }
        if held.count > 1 {
            text += " Also held back: " + held.filter { $0.incident != incident }
                .map { "incident \($0.incident) (\($0.severity)): \($0.title)" }.joined(separator: "; ") + "."
        }
        text += " Ack: " + ackHints.joined(separator: "; ")
        return text
    }

    /// The plain-text e-mail body: summary, reasons, top posts, playbook steps and how to ack.
    public var plainTextBody: String {
        var lines: [String] = []
        lines.append("Incident \(incident) (\(severity)): \(title)")
        lines.append(pagedBecause + ".")
        lines.append("")
        if !summary.isEmpty {
            lines.append(summary)
            lines.append("")
        }
        if held.count > 1 {
            lines.append("Pages held back by the rate limit:")
            for page in held {
                lines.append("  - incident \(page.incident) (\(page.severity)): \(page.title) — \(page.ackHint)")
            }
            lines.append("")
        }
        if !promises.isEmpty {
            lines.append("Open promises to the customer (keep them, or say so):")
            for promise in promises {
                lines.append("  - #\(promise.id) due \(RFC3339.format(promise.due)), made by \(promise.owner): "
                    + Self.oneLine(promise.text))
            }
            lines.append("")
        }
        if !reasons.isEmpty {
            lines.append("Reasons:")
            lines += reasons.map { "  - " + Self.oneLine($0) }
            lines.append("")
        }
        if !topPosts.isEmpty {
            lines.append("Top posts:")
            for post in topPosts {
                lines.append("  - \(post.key) \(post.author): \(Self.oneLine(post.text))")
                if let url = post.url { lines.append("    " + url) }
            }
            lines.append("")
        }
        if let playbook {
            lines.append("Playbook: " + playbook.headline)
            for (index, step) in playbook.steps.enumerated() { lines.append("  \(index + 1). " + step) }
            lines.append("")
        }
        lines.append("To acknowledge: " + ackHints.joined(separator: "\n                 "))
        return lines.joined(separator: "\n") + "\n"
    }

    /// Why this manager is paged, as a clause.
    var pagedBecause: String {
        switch reason {
        case .policy: "You are paged by escalation step \(step)"
        case .named: "You are paged because the crowd named you"
        case .reminder: "Reminder: still not acknowledged (step \(step))"
        case .handoff: "The incident was handed over to you"
        }
    }

    /// The ack command of this page and of every page folded into it.
    var ackHints: [String] {
        var hints = [ackHint]
        for page in held where !hints.contains(page.ackHint) { hints.append(page.ackHint) }
        return hints
    }
}
