extension ReviewHTMLRenderer {
    /// The review's style sheet: readable on screen, compact and ink-friendly when printed.
    static let styleSheet = """
        :root { color-scheme: light; }
        body { margin: 0; background: #f6f6f3; color: #1d1d1b;
          font: 15px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", sans-serif; }
        main { max-width: 60rem; margin: 0 auto; padding: 1.5rem 2rem 3rem; background: #fff; }
        h1 { font-size: 1.6rem; line-height: 1.25; margin: 0.2rem 0 0.6rem; }
        h2 { font-size: 1.2rem; margin: 2rem 0 0.6rem; padding-bottom: 0.2rem; border-bottom: 2px solid #e3e3de; }
        h3 { font-size: 1rem; margin: 1.2rem 0 0.4rem; }
        .kicker { margin: 0; color: #6b6b66; text-transform: uppercase; letter-spacing: 0.06em; font-size: 0.8rem; }
        .badge { display: inline-block; padding: 0.1rem 0.55rem; border-radius: 1rem; font-size: 0.8rem;
          font-weight: 600; background: #e8e8e3; }
        .severity-critical { background: #7b1f17; color: #fff; }
        .severity-high { background: #c0392b; color: #fff; }
        .severity-medium { background: #f0b429; }
        .severity-low, .severity-info { background: #d5e8d4; }
        .state-open { background: #fde2c4; }
        .state-closed { background: #d5e8d4; }
        .coordinated { background: #e0d4f0; }
        dl { display: grid; grid-template-columns: max-content 1fr; gap: 0.2rem 1.2rem; margin: 0; }
        dt { color: #6b6b66; }
        dd { margin: 0; }
        table { width: 100%; border-collapse: collapse; margin: 0.6rem 0 1rem; font-size: 0.92rem; }
        th, td { text-align: left; vertical-align: top; padding: 0.3rem 0.5rem; border-bottom: 1px solid #e3e3de; }
        th { background: #f1f1ec; font-weight: 600; }
        table.figures td:nth-child(2) { font-variant-numeric: tabular-nums; font-weight: 600; white-space: nowrap; }
        table.timeline td:first-child, table.pages td:first-child, table.samples td:first-child { white-space: nowrap; }
        figure { margin: 0.6rem 0; }
        figure svg { display: block; width: 100%; height: auto; border: 1px solid #e3e3de; }
        figcaption { color: #6b6b66; font-size: 0.85rem; margin-top: 0.3rem; }
        blockquote { margin: 0.4rem 0; padding: 0.5rem 0.9rem; border-left: 4px solid #2874a6; background: #f3f7fa;
          white-space: normal; }
        .reply-blocked blockquote { border-left-color: #c0392b; background: #fbf1f0; }
        mark { background: #fde68a; padding: 0 0.1rem; }
        tr.finding-block td:nth-child(2) { color: #a93226; font-weight: 600; }
        .columns { display: grid; grid-template-columns: 1fr 1fr; gap: 1.5rem; }
        .who, .empty, footer { color: #6b6b66; }
        footer { margin-top: 2.5rem; font-size: 0.8rem; }
        code { font-family: ui-monospace, "SFMono-Regular", Menlo, Consolas, monospace; font-size: 0.88em; }
        @media (max-width: 40rem) { main { padding: 1rem; } .columns { grid-template-columns: 1fr; } }
        @media print {
          @page { margin: 15mm; }
          body { background: #fff; font-size: 10pt; }
          main { max-width: none; padding: 0; }
          h2 { break-after: avoid; page-break-after: avoid; }
          tr, figure, article.reply, blockquote { break-inside: avoid; page-break-inside: avoid; }
          .badge { border: 1px solid #555; background: none !important; color: #000 !important; }
          blockquote, th, mark { background: none; }
          mark { text-decoration: underline; font-weight: 600; }
          figure svg { border: none; }
        }

        """
}
