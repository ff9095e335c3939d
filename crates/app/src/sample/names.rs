//! Vietnamese names and places for generated data (demo and synth), with family names in
//! roughly their national proportions.

use rand::Rng;

/// Family names with weights (per thousand), after published surname frequencies.
const FAMILY: &[(&str, u32)] = &[
    ("Nguyễn", 380),
    ("Trần", 110),
    ("Lê", 95),
    ("Phạm", 70),
    ("Hoàng", 30),
    ("Huỳnh", 21),
    ("Phan", 45),
    ("Vũ", 20),
    ("Võ", 19),
    ("Đặng", 21),
    ("Bùi", 20),
    ("Đỗ", 14),
    ("Hồ", 13),
    ("Ngô", 13),
    ("Dương", 10),
    ("Lý", 5),
    ("Đinh", 6),
    ("Trương", 6),
    ("Lương", 4),
    ("Đoàn", 4),
    ("Mai", 3),
    ("Cao", 3),
    ("Hà", 6),
    ("Trịnh", 6),
    ("Đào", 5),
    ("Lâm", 4),
    ("Tạ", 3),
    ("Tô", 3),
    ("Chu", 3),
    ("Lưu", 3),
    ("Triệu", 3),
    ("Nông", 3),
    ("Thái", 2),
    ("Vương", 2),
    ("Quách", 2),
    ("Kiều", 2),
    ("Châu", 2),
    ("Lò", 1),
    ("Hứa", 1),
    ("Tăng", 1),
    ("La", 1),
    ("Mạc", 1),
];

const MIDDLE_MALE: &[&str] = &[
    "Văn", "Hữu", "Đức", "Minh", "Quang", "Công", "Thanh", "Xuân", "Ngọc", "Đình", "Quốc", "Trọng",
    "Tấn", "Thành", "Bá", "Khắc", "Mạnh", "Duy", "Gia", "Hoàng", "Tiến", "Viết", "Anh",
];
const MIDDLE_FEMALE: &[&str] = &[
    "Thị", "Thị", "Thị", "Ngọc", "Thu", "Thanh", "Kim", "Mỹ", "Thùy", "Phương", "Hồng", "Bích",
    "Thị", "Hoài", "Diệu", "Minh", "Bảo", "Khánh", "Quỳnh", "Hải",
];
const GIVEN_MALE: &[&str] = &[
    "An", "Bình", "Cường", "Dũng", "Đạt", "Đức", "Hải", "Hùng", "Huy", "Khang", "Khoa", "Lâm",
    "Long", "Minh", "Nam", "Nghĩa", "Phong", "Phúc", "Quân", "Sơn", "Tài", "Thắng", "Thành",
    "Thịnh", "Toàn", "Trung", "Tuấn", "Tùng", "Việt", "Vinh", "Hiếu", "Lợi", "Tâm", "Trí", "Hưng",
    "Kiên", "Lộc", "Bảo", "Duy", "Hoàng", "Khải", "Mạnh", "Nhân", "Phát", "Quang", "Sang", "Thái",
    "Thiện", "Tiến", "Tín", "Vũ", "Hậu", "Hòa", "Thuận", "Khánh", "Đông",
];
const GIVEN_FEMALE: &[&str] = &[
    "An", "Anh", "Chi", "Dung", "Đào", "Giang", "Hà", "Hạnh", "Hằng", "Hoa", "Hồng", "Hương",
    "Lan", "Liên", "Linh", "Loan", "Mai", "My", "Nga", "Ngân", "Nhung", "Oanh", "Phương", "Quỳnh",
    "Thảo", "Thu", "Thủy", "Trang", "Tuyết", "Uyên", "Vân", "Yến", "Diệu", "Ánh", "Bích", "Ngọc",
    "Nhi", "Như", "Thư", "Vy", "Hiền", "Hoài", "Nguyệt", "Nhàn", "Tâm", "Thoa", "Xuân", "Duyên",
    "Huyền", "Thắm",
];
/// Place-name words for hamlets and former communes.
pub const PLACE: &[&str] = &[
    "An Bình",
    "An Hòa",
    "An Lợi",
    "An Phú",
    "Bình Thạnh",
    "Bình Hòa",
    "Tân Phú",
    "Tân Lập",
    "Tân Thành",
    "Tân Hòa",
    "Hòa Bình",
    "Hòa Lợi",
    "Phú Mỹ",
    "Phú Cường",
    "Phú Thọ",
    "Long Hòa",
    "Long Thạnh",
    "Mỹ An",
    "Mỹ Thuận",
    "Thạnh Lợi",
    "Thuận An",
    "Vĩnh Phú",
    "Đông Hòa",
    "Tây Sơn",
    "Trung Hòa",
    "Hưng Thịnh",
    "Phước Lộc",
    "Đức Thắng",
    "Quyết Thắng",
    "Thống Nhất",
    "Đoàn Kết",
    "Hòa Thuận",
    "Xuân Lộc",
    "Cẩm Giang",
    "Đồng Tâm",
    "Hiệp Hòa",
    "Nghĩa Hưng",
    "Thanh Bình",
];
/// First and second syllables of generated place names (Sino-Vietnamese, as most commune and
/// hamlet names are): 45 × 40 names, so a national data set repeats them no more than the
/// country does.
pub const PLACE_FIRST: &[&str] = &[
    "An",
    "Bình",
    "Tân",
    "Phú",
    "Hòa",
    "Long",
    "Mỹ",
    "Thạnh",
    "Thuận",
    "Vĩnh",
    "Đông",
    "Tây",
    "Trung",
    "Hưng",
    "Phước",
    "Đức",
    "Quyết",
    "Thống",
    "Xuân",
    "Cẩm",
    "Đồng",
    "Hiệp",
    "Nghĩa",
    "Thanh",
    "Hải",
    "Quang",
    "Minh",
    "Hồng",
    "Yên",
    "Kim",
    "Ngọc",
    "Lạc",
    "Gia",
    "Sơn",
    "Tiên",
    "Thượng",
    "Hạ",
    "Nam",
    "Bắc",
    "Phong",
    "Hiển",
    "Định",
    "Khánh",
    "Lộc",
    "Tường",
];
pub const PLACE_SECOND: &[&str] = &[
    "Bình", "Hòa", "Lợi", "Phú", "Thạnh", "Lập", "Thành", "Mỹ", "Cường", "Thọ", "Thuận", "An",
    "Sơn", "Hưng", "Thịnh", "Lộc", "Thắng", "Nhất", "Kết", "Giang", "Tâm", "Xuân", "Phong", "Tiến",
    "Long", "Hải", "Trung", "Đông", "Tây", "Điền", "Khê", "Lâm", "Quý", "Tài", "Nghĩa", "Yên",
    "Hiệp", "Trạch", "Vinh", "Hội",
];
/// Syllables of hamlet (bản) names in the northern mountains.
pub const UPLAND_FIRST: &[&str] = &[
    "Nà", "Pác", "Khuổi", "Phiêng", "Nặm", "Co", "Huổi", "Lũng", "Tà", "Bó", "Khau", "Nậm",
];
pub const UPLAND_SECOND: &[&str] = &[
    "Pồng", "Lừa", "Mơ", "Luông", "Khoang", "Cọ", "Sản", "Phìn", "Chang", "Xá", "Hỏm", "Mò", "Tấu",
    "Làng", "Đon", "Vài",
];

/// A generated place name, e.g. "Tân Hiệp".
pub fn place<R: Rng>(rng: &mut R) -> String {
    format!("{} {}", pick(rng, PLACE_FIRST), pick(rng, PLACE_SECOND))
}

/// A generated upland hamlet name, e.g. "Nà Pồng".
pub fn upland_place<R: Rng>(rng: &mut R) -> String {
    format!("{} {}", pick(rng, UPLAND_FIRST), pick(rng, UPLAND_SECOND))
}

/// Workplaces for agency and public-service cells.
pub const WORKPLACES: &[&str] = &[
    "Trường THCS",
    "Trường Tiểu học",
    "Trường Mầm non",
    "Trạm Y tế",
    "Công an",
    "Quân sự",
    "Hợp tác xã Nông nghiệp",
    "Ủy ban nhân dân",
    "Hội Nông dân",
    "Hội Cựu chiến binh",
];
pub const OCCUPATIONS: &[&str] = &[
    "Nông dân",
    "Công chức",
    "Viên chức",
    "Giáo viên",
    "Bác sĩ",
    "Công nhân",
    "Hưu trí",
    "Kinh doanh",
    "Bộ đội",
    "Công an",
    "Sinh viên",
    "Cán bộ hưu trí",
    "Ngư dân",
    "Kỹ sư",
];
pub const ETHNICITIES: &[(&str, u32)] = &[
    ("Kinh", 860),
    ("Tày", 20),
    ("Thái", 18),
    ("Mường", 16),
    ("Khmer", 30),
    ("Hoa", 10),
    ("Nùng", 12),
    ("Mông", 8),
    ("Dao", 8),
    ("Gia Rai", 6),
    ("Ê Đê", 6),
    ("Chăm", 6),
];
pub const RELIGIONS: &[(&str, u32)] = &[
    ("", 860),
    ("Phật giáo", 80),
    ("Công giáo", 35),
    ("Cao Đài", 15),
    ("Hòa Hảo", 6),
    ("Tin Lành", 4),
];

pub fn weighted<'a, R: Rng>(rng: &mut R, items: &[(&'a str, u32)]) -> &'a str {
    let total: u32 = items.iter().map(|(_, w)| w).sum();
    let mut pick = rng.random_range(0..total.max(1));
    for (item, w) in items {
        if pick < *w {
            return item;
        }
        pick -= w;
    }
    items.first().map(|(i, _)| *i).unwrap_or("")
}

pub fn pick<'a, R: Rng>(rng: &mut R, items: &[&'a str]) -> &'a str {
    items[rng.random_range(0..items.len())]
}

/// A full name for a person of the given sex (`true` = female).
pub fn full_name<R: Rng>(rng: &mut R, female: bool) -> String {
    let family = weighted(rng, FAMILY);
    let (middle, given) = if female {
        (MIDDLE_FEMALE, GIVEN_FEMALE)
    } else {
        (MIDDLE_MALE, GIVEN_MALE)
    };
    format!("{family} {} {}", pick(rng, middle), pick(rng, given))
}

/// "Xã Thung Nai" → "xã Thung Nai", as the kind reads inside a longer name.
pub fn lowercase_kind(name: &str) -> String {
    for kind in ["Xã", "Phường", "Đặc khu"] {
        if let Some(rest) = name.strip_prefix(kind) {
            return format!("{}{rest}", kind.to_lowercase());
        }
    }
    name.to_owned()
}
