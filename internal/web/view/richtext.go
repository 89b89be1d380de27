package view

// RichText is a body field drawn with the newsroom's rich-text editor (the
// "rich-text" partial): the article and static page forms share it, so
// both get the same editor, direction and error display.
type RichText struct {
	Label string // already translated
	Value string // the HTML to edit
	Lang  string // the text's language, for its direction
	Error string // the field's message, if it was refused
}

func richText(label, value, lang, err string) RichText {
	return RichText{Label: label, Value: value, Lang: lang, Error: err}
}
