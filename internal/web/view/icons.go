package view

// Icons are the site's icons and colours as the head links them.
type Icons struct{}
