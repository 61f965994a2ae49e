e = "$%{if a}x%{endif}"
