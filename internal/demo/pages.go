package demo

import (
	"context"
	"fmt"

	"github.com/midad/midad/internal/arabic"
	"github.com/midad/midad/internal/news"
)

// Pages are the demo paper's static pages, linked from the footer in this
// order. Their slugs are made from their titles, as the newsroom does.
var Pages = []news.StaticPage{
	{Title: "من نحن", Body: `<p>«مداد» جريدة إخبارية مغربية مستقلة تصدر على الإنترنت كل يوم. نتابع أخبار المغرب والعالم العربي والعالم في السياسة والاقتصاد والمجتمع والرياضة والثقافة.</p>
<p>نؤمن بأن من حق القارئ أن يجد خبراً دقيقاً، مصدره معروف، مكتوباً بلغة واضحة. نفصل بين الخبر والرأي، ونصحح أخطاءنا علناً حين نقع فيها، ونذكر وقت التصحيح في المقال نفسه.</p>
<h2>فريق التحرير</h2>
<p>يعمل في «مداد» صحافيون ومحررون ومصورون في الرباط والدار البيضاء، ومراسلون في مدن المملكة. وننشر أيضاً مقالات شركائنا من وسائل الإعلام الأخرى، ويظهر اسم كل شريك في توقيع مقاله.</p>`},
	{Title: "اتصل بنا", Body: `<p>يسعدنا أن نسمع منكم: خبر تريدون أن نتابعه، أو خطأ وقعنا فيه، أو رأي في ما ننشره.</p>
<ul>
<li>التحرير: <a href="mailto:redaction@midad.example">redaction@midad.example</a></li>
<li>التصحيحات: <a href="mailto:corrections@midad.example">corrections@midad.example</a></li>
<li>الإعلانات: <a href="mailto:ads@midad.example">ads@midad.example</a></li>
</ul>
<p>نقرأ كل رسالة، ونرد على ما يحتاج إلى رد في أقرب وقت. لا ننشر رسائلكم ولا عناوينكم دون إذنكم.</p>`},
	{Title: "شروط الاستخدام", Body: `<p>باستعمالكم موقع «مداد» فإنكم تقبلون الشروط الآتية.</p>
<h2>المحتوى</h2>
<p>المقالات والصور المنشورة في الموقع ملك لأصحابها. يمكنكم مشاركة روابط المقالات بحرية، واقتباس فقرات قصيرة منها مع ذكر المصدر ورابط المقال. أما إعادة نشر مقال كامل فتحتاج إلى إذن مكتوب من الجريدة.</p>
<h2>التعليقات</h2>
<p>التعليقات مفتوحة للجميع، وتُراجَع قبل نشرها. لا ننشر السب ولا القذف ولا التحريض على الكراهية ولا الإعلانات. ولا يُنشر عنوان بريدكم الإلكتروني أبداً.</p>
<h2>معطياتكم الشخصية</h2>
<p>لا نحتفظ من معطياتكم إلا بما يلزم لنشر تعليقاتكم وحماية الموقع من الرسائل المزعجة، ولا نبيعها لأحد.</p>`},
	{Title: "للإعلان", Body: `<p>يقرأ «مداد» كل يوم قراء من المغرب ومن خارجه، على الهاتف أولاً ثم على الحاسوب.</p>
<p>نعرض مساحات إعلانية في أعلى الصفحات وداخل المقالات، ونميّز كل إعلان بكلمة «إعلان» حتى لا يختلط بالأخبار. ولا ننشر إعلاناً في صورة مقال.</p>
<p>لطلب الأسعار وحجز المساحات، راسلونا على <a href="mailto:ads@midad.example">ads@midad.example</a>.</p>`},
}

// loadPages adds the demo's static pages that are not there yet.
func loadPages(ctx context.Context, st Store) error {
	for i, p := range Pages {
		p.Slug = arabic.Slugify(p.Title, maxSlug)
		p.Lang, p.Status, p.InFooter, p.Position = "ar", news.Published, true, i+1
		if _, err := st.PageBySlug(ctx, p.Slug); err == nil {
			continue
		}
		if err := st.CreatePage(ctx, &p); err != nil {
			return fmt.Errorf("demo page %s: %w", p.Slug, err)
		}
	}
	return nil
}
