"""Plausible news text for the bench corpus: Vietnamese and English, from sentence templates.

Every function takes a ``random.Random``, so the same seed always gives the same words.
The text is what staff write: full diacritics, straight quotes and double hyphens (which
typogrify turns into typographic ones), some bold, lists and subheadings.
"""

from __future__ import annotations

import random
import unicodedata

PLACES = [
    ("thị xã Đông Triều", "Dong Trieu town"), ("thị xã Quảng Yên", "Quang Yen town"),
    ("thành phố Hạ Long", "Ha Long city"), ("thành phố Cẩm Phả", "Cam Pha city"),
    ("huyện Tiên Yên", "Tien Yen district"), ("huyện Vân Đồn", "Van Don district"),
    ("tỉnh Hà Tĩnh", "Ha Tinh province"), ("tỉnh Nghệ An", "Nghe An province"),
    ("tỉnh Thái Bình", "Thai Binh province"), ("huyện Ba Chẽ", "Ba Che district"),
    ("tỉnh Lạng Sơn", "Lang Son province"), ("huyện Hải Hà", "Hai Ha district"),
]
COURSES = [
    ("quản trị hợp tác xã", "cooperative management"),
    ("kế toán hợp tác xã", "cooperative accounting"),
    ("chuyển đổi số cho HTX", "digital transformation for cooperatives"),
    ("xây dựng chuỗi giá trị nông sản", "building farm produce value chains"),
    ("marketing sản phẩm OCOP", "marketing OCOP products"),
    ("quản lý tài chính HTX", "cooperative financial management"),
    ("Luật Hợp tác xã năm 2023", "the 2023 Law on Cooperatives"),
    ("kỹ năng lãnh đạo, điều hành", "leadership and management skills"),
    ("sản xuất theo tiêu chuẩn VietGAP", "VietGAP production standards"),
    ("thương mại điện tử cho HTX", "e-commerce for cooperatives"),
    ("quản trị sản xuất trong HTX nông nghiệp", "production management in farm cooperatives"),
]
TOPICS = [
    ("xây dựng phương án sản xuất, kinh doanh", "drawing up business plans"),
    ("quản lý thành viên và vốn góp", "managing members and their capital"),
    ("liên kết với doanh nghiệp tiêu thụ sản phẩm", "contracts with buyers"),
    ("truy xuất nguồn gốc sản phẩm", "product traceability"),
    ("lập báo cáo tài chính", "financial reporting"),
    ("ứng dụng phần mềm kế toán", "accounting software"),
    ("bán hàng qua sàn thương mại điện tử", "selling on e-commerce platforms"),
    ("tiếp cận nguồn vốn ưu đãi của Nhà nước", "access to state credit"),
    ("xây dựng thương hiệu và bao bì sản phẩm", "branding and packaging"),
    ("quản lý chất lượng theo tiêu chuẩn", "quality management"),
]
PEOPLE = [
    ("Nguyễn Văn Hùng", "Chủ tịch Liên minh HTX tỉnh", "Chair of the Provincial Cooperative Alliance"),
    ("Trần Thị Lan", "Hiệu trưởng Nhà trường", "Principal of the School"),
    ("Lê Minh Đức", "Phó Hiệu trưởng Nhà trường", "Deputy Principal of the School"),
    ("Phạm Thu Hà", "Trưởng phòng Đào tạo, bồi dưỡng", "Head of the Training Department"),
    ("Hoàng Văn Thắng", "Giám đốc HTX Nông nghiệp Yên Đức", "Director of Yen Duc Farm Cooperative"),
    ("Vũ Thị Hồng", "Phó Chủ tịch UBND huyện", "Vice Chair of the District People's Committee"),
    ("Đặng Quốc Khánh", "giảng viên Khoa Quản trị", "lecturer of the Management Faculty"),
]
AUTHORS = [("Phòng Đào tạo, bồi dưỡng", "Training Department"),
           ("Ban Phát triển HTX", "Cooperative Development Board"),
           ("Văn phòng Nhà trường", "School Office")]
TAGS = [("khai giảng", "opening"), ("OCOP", "OCOP"), ("chuyển đổi số", "digital"),
        ("tập huấn", "workshop"), ("HTX nông nghiệp", "farm cooperatives"), ("bế giảng", "closing")]

VI_TITLES = [
    "Khai giảng lớp bồi dưỡng {course} tại {place}",
    "Bế giảng lớp {course} khóa {year}",
    "Tập huấn {course} cho cán bộ HTX {place}",
    "Học viên lớp {course} tham quan mô hình HTX ở {place}",
    "Thông báo tuyển sinh lớp {course} năm {year}",
    "Hội thảo \"{course}\" -- kinh nghiệm từ {place}",
]
EN_TITLES = [
    "{course} course opens in {place}",
    "{course} course of {year} closes",
    "Workshop on {course} for cooperative staff in {place}",
    "Students of the {course} course visit cooperatives in {place}",
    "Enrolment for the {year} {course} course",
    "Seminar \"{course}\" -- lessons from {place}",
]
VI_SENTENCES = [
    "Sáng {day}/{month}/{year}, Nhà trường đã tổ chức lễ khai giảng lớp bồi dưỡng {course} cho {n} học viên đến từ {place}.",
    "Tham dự buổi lễ có đồng chí {person}, {role}, cùng đại diện lãnh đạo các HTX trên địa bàn.",
    "Phát biểu tại buổi lễ, đồng chí {person} nhấn mạnh: \"Đội ngũ cán bộ quản lý là yếu tố quyết định sự thành công của mỗi hợp tác xã.\"",
    "Trong {k} ngày, học viên được trang bị kiến thức về {topic}, {topic2} và {topic3}.",
    "Chương trình được thiết kế theo hướng thực hành, gắn với tình hình thực tế của các HTX ở {place}.",
    "Kết thúc khóa học, **{n} học viên** đạt yêu cầu và được cấp giấy chứng nhận.",
    "Đây là hoạt động thiết thực nhằm nâng cao năng lực quản lý, điều hành cho cán bộ HTX -- lực lượng nòng cốt của kinh tế tập thể.",
    "Nhiều học viên cho biết kiến thức về {topic} giúp họ tự tin hơn khi trở về điều hành HTX của mình.",
    "Giảng viên {person} đã chia sẻ nhiều tình huống thực tế về {topic}, được học viên trao đổi sôi nổi.",
    "Năm {year}, Nhà trường dự kiến mở thêm {k} lớp {course} tại các huyện, thị xã trong tỉnh.",
    "Các HTX tham gia đều có sản phẩm đạt chứng nhận OCOP từ 3 sao trở lên.",
    "Ban tổ chức cũng dành thời gian để học viên đặt câu hỏi và góp ý cho nội dung chương trình.",
    "Học viên được chia thành {k} nhóm, mỗi nhóm xây dựng một đề án phát triển HTX cụ thể.",
    "Theo đánh giá của Liên minh HTX tỉnh, sau khóa học có {n}% học viên áp dụng được kiến thức vào công việc.",
]
EN_SENTENCES = [
    "On {month}/{day}/{year} the School opened a {course} course for {n} students from {place}.",
    "The ceremony was attended by {person}, {role}, and by the heads of local cooperatives.",
    "Speaking at the ceremony, {person} said: \"Capable managers are what makes a cooperative succeed.\"",
    "Over {k} days, students learn about {topic}, {topic2} and {topic3}.",
    "The programme is practical and built around the real situation of cooperatives in {place}.",
    "At the end of the course **{n} students** passed and received certificates.",
    "The course strengthens the managers of cooperatives -- the backbone of the collective economy.",
    "Many students said the sessions on {topic} made them more confident in running their cooperatives.",
    "Lecturer {person} shared case studies on {topic}, which led to a lively discussion.",
    "In {year} the School plans {k} more {course} courses across the province.",
    "All participating cooperatives have OCOP products rated three stars or more.",
    "Students split into {k} groups, each drafting a development plan for a real cooperative.",
]
VI_HEADINGS = ["Nội dung chương trình", "Kết quả khóa học", "Ý kiến học viên", "Kế hoạch sắp tới"]
EN_HEADINGS = ["The programme", "Results", "What students said", "Next steps"]


def slugify(text: str) -> str:
    """ASCII, lower-case, hyphenated: ``Khai giảng lớp`` -> ``khai-giang-lop``."""
    text = text.replace("đ", "d").replace("Đ", "D")
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    words = "".join(ch if ch.isalnum() else " " for ch in ascii_text.lower()).split()
    return "-".join(words)


def _slots(rng: random.Random, lang: int, year: int, course, place) -> dict:
    """Fillers for one post; ``lang`` is 0 (Vietnamese) or 1 (English)."""
    topics = rng.sample(TOPICS, 3)
    person = rng.choice(PEOPLE)
    return {
        "course": course[lang], "place": place[lang], "year": year,
        "day": rng.randint(1, 28), "month": rng.randint(1, 12),
        "n": rng.randint(25, 95), "k": rng.randint(3, 12),
        "topic": topics[0][lang], "topic2": topics[1][lang], "topic3": topics[2][lang],
        "person": person[0], "role": person[1 + lang],
    }


def title(rng: random.Random, lang: int, kind: int, year: int, course, place) -> str:
    template = (VI_TITLES if lang == 0 else EN_TITLES)[kind]
    text = template.format(**_slots(rng, lang, year, course, place))
    return text[0].upper() + text[1:]


def body(rng: random.Random, lang: int, year: int, course, place) -> str:
    """Markdown: 4-8 paragraphs of 2-5 sentences, sometimes a list and a subheading."""
    sentences = VI_SENTENCES if lang == 0 else EN_SENTENCES
    headings = VI_HEADINGS if lang == 0 else EN_HEADINGS
    # The post's facts (day, person...) stay fixed; each sentence template is used once
    # before any is repeated, as a writer would.
    facts = _slots(rng, lang, year, course, place)
    order = rng.sample(sentences, len(sentences))
    blocks, used = [], 0
    for number in range(rng.randint(4, 8)):
        if number == 2 and rng.random() < 0.3:
            blocks.append("## " + rng.choice(headings))
        if number == 3 and rng.random() < 0.35:
            items = rng.sample(TOPICS, rng.randint(3, 5))
            blocks.append("\n".join(f"- {item[lang]};" for item in items))
        sentences_here = []
        for _ in range(rng.randint(2, 5)):
            fresh = _slots(rng, lang, year, course, place)
            fillers = {**fresh, **{k: facts[k] for k in ("day", "month", "person", "role")}}
            sentences_here.append(order[used % len(order)].format(**fillers))
            used += 1
        blocks.append(" ".join(sentences_here))
    return "\n\n".join(blocks)


def summary(rng: random.Random, lang: int, year: int, course, place) -> str:
    sentence = rng.choice((VI_SENTENCES if lang == 0 else EN_SENTENCES)[:6])
    return sentence.format(**_slots(rng, lang, year, course, place)).replace("**", "")


def caption(rng: random.Random, lang: int, number: int, place) -> str:
    if lang == 0:
        return rng.choice(["Học viên thảo luận nhóm", "Toàn cảnh lớp học tại {place}",
                           "Giảng viên hướng dẫn thực hành", "Chụp ảnh lưu niệm"]).format(
            place=place[0]) + f" ({number})"
    return rng.choice(["Group discussion", "The class in {place}", "A practical session",
                       "Group photo"]).format(place=place[1]) + f" ({number})"
