package view

// Card is what a page tells search engines and share cards about itself.
type Card struct{}
