package bench

import (
	"time"

	"github.com/midad/midad/internal/news"
	"github.com/midad/midad/internal/search"
)

// FarFuture is the Now of every benchmark query: every article is visible,
// and the recency factor, measured from decades away, is the same for all
// of them, so that ranking is the analyzer's and BM25's alone.
var FarFuture = time.Date(2100, 1, 1, 0, 0, 0, 0, time.UTC)

// SpeedQuery is one of the typical queries of the speed benchmark.
type SpeedQuery struct {
	Kind string // one word, two words, phrase, section, by date, …
	Req  search.Request
}

// SpeedQueries are typical readers' queries on a Tunisian daily, made of
// the corpus's frequent headline words (تونس is in 656 headlines, سوسة in
// 331, رئيس الحكومة in 58): single words, pairs, triples, quoted phrases,
// queries filtered by section and queries sorted by date, and a few typed
// without hamza or with ه for ة. Every one asks for the first page of ten.
func SpeedQueries(nr Newsroom) []SpeedQuery {
	sport, politics := nr.Section("sport").ID, nr.Section("politic").ID
	national, world := nr.Section("localNews").ID, nr.Section("internationalNews").ID
	var qs []SpeedQuery
	add := func(kind, query string, section int64, sort string) {
		qs = append(qs, SpeedQuery{Kind: kind, Req: search.Request{
			Query: query, SectionID: section, Sort: sort,
			Page: news.Page{Number: 1, Size: 10}, Now: FarFuture,
		}})
	}
	for _, q := range []string{"تونس", "سوسة", "الحكومة", "الترجي", "إيقاف", "وزير", "المهدية",
		"ليبيا", "ترامب", "داعش", "الصحة", "قطر", "رمضان", "حريق", "الانتخابات"} {
		add("1 word", q, 0, news.SortRelevance)
	}
	for _, q := range []string{"وزير الداخلية", "كرة القدم", "الانتخابات البلدية", "النجم الساحلي",
		"حادث مرور", "سيدي بوزيد", "بن قردان", "كرة اليد", "وزارة التربية", "البنك المركزي",
		"يوسف الشاهد", "اتحاد الشغل"} {
		add("2 words", q, 0, news.SortRelevance)
	}
	for _, q := range []string{"رئيس الحكومة يوسف", "وزير الشؤون الدينية", "إحباط عملية إرهابية",
		"الرابطة الأولى لكرة", "حالة الطقس اليوم", "القبض على مفتش عنه", "ارتفاع أسعار الخضر",
		"الخطوط التونسية الطيران"} {
		add("3 words", q, 0, news.SortRelevance)
	}
	for _, q := range []string{`"رئيس الحكومة"`, `"نداء تونس"`, `"كأس العالم"`, `"وقفة احتجاجية"`,
		`"قائد السبسي"`, `"الولايات المتحدة"`} {
		add("phrase", q, 0, news.SortRelevance)
	}
	add("section", "الترجي", sport, news.SortRelevance)
	add("section", "النجم الساحلي", sport, news.SortRelevance)
	add("section", "الحكومة", politics, news.SortRelevance)
	add("section", "سوسة", national, news.SortRelevance)
	add("section", "ترامب", world, news.SortRelevance)
	for _, q := range []string{"تونس", "سوسة", "الحكومة", `"رئيس الحكومة"`, "إيقاف"} {
		add("by date", q, 0, news.SortDate)
	}
	for _, q := range []string{"الحكومه", "وزاره الداخليه", "بسوسه", "ايقاف"} {
		add("typed", q, 0, news.SortRelevance)
	}
	return qs
}
