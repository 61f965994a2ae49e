# layoutmod — views whose layout is hard at 1280 px with the list shown (tests/server/layout_check.js):
# narrow charts with long labels, a folded graph, a flow with a middle column, a hierarchy, a
# heatmap over text, inputs with option tags beside a text input, a line table with a long id, panel
# errors, and a benchmark with every status.  Literals only: any database.
mod "layoutmod" {
  title = "Layout"
}
