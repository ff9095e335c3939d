//! Names of the organisations a synthetic tree is made of: province agencies, departments,
//! schools, firms and their subordinate cells, as they are written in Vietnam.

/// Party agencies of a province (under the agencies' committee).
pub const PARTY_AGENCIES: &[&str] = &[
    "Văn phòng {u}",
    "Ban Tổ chức {u}",
    "Ban Tuyên giáo và Dân vận {u}",
    "Ủy ban Kiểm tra {u}",
    "Ban Nội chính {u}",
    "Báo {p}",
    "Trường Chính trị {q}",
    "Cơ quan Ủy ban Mặt trận Tổ quốc Việt Nam {p}",
];

/// State agencies and public services of a province.
pub const STATE_AGENCIES: &[(&str, StateKind)] = &[
    ("Văn phòng Ủy ban nhân dân {q}", StateKind::Office),
    ("Sở Tài chính {q}", StateKind::Office),
    ("Sở Nội vụ {q}", StateKind::Office),
    ("Sở Tư pháp {q}", StateKind::Office),
    ("Sở Xây dựng {q}", StateKind::Office),
    ("Sở Công Thương {q}", StateKind::Office),
    ("Sở Nông nghiệp và Môi trường {q}", StateKind::Office),
    ("Sở Khoa học và Công nghệ {q}", StateKind::Office),
    ("Sở Văn hóa, Thể thao và Du lịch {q}", StateKind::Office),
    ("Thanh tra {q}", StateKind::Office),
    ("Sở Y tế {q}", StateKind::Health),
    ("Bệnh viện Đa khoa {q}", StateKind::Health),
    ("Sở Giáo dục và Đào tạo {q}", StateKind::School),
    ("Trường Cao đẳng Y tế {p}", StateKind::School),
    ("Đài Phát thanh và Truyền hình {p}", StateKind::Office),
    ("Bảo hiểm xã hội {q}", StateKind::Office),
];

/// Further state organisations named after a place, to fill a large province.
pub const STATE_FILL: &[(&str, StateKind)] = &[
    ("Trường THPT {x}", StateKind::School),
    ("Trung tâm Y tế khu vực {x}", StateKind::Health),
    ("Bệnh viện Đa khoa khu vực {x}", StateKind::Health),
    ("Thuế cơ sở {x}", StateKind::Office),
    ("Kho bạc Nhà nước khu vực {x}", StateKind::Office),
    ("Trường Trung cấp nghề {x}", StateKind::School),
];

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum StateKind {
    Office,
    Health,
    School,
}

/// Province-level firms.
pub const PROVINCE_FIRMS: &[&str] = &[
    "Công ty Điện lực {p}",
    "Công ty TNHH Một thành viên Xổ số kiến thiết {p}",
    "Công ty Cổ phần Cấp nước {p}",
    "Ngân hàng Nông nghiệp và Phát triển Nông thôn chi nhánh {p}",
    "Công ty Cổ phần Môi trường đô thị {p}",
];

/// Trades of generated firms.
pub const INDUSTRIES: &[&str] = &[
    "Xây dựng",
    "Vận tải",
    "Dược phẩm",
    "May",
    "Thủy sản",
    "Lương thực",
    "Cao su",
    "Xi măng",
    "Du lịch",
    "Cơ khí",
    "Thương mại",
    "Đầu tư và Phát triển",
];

pub const MILITARY: &[&str] = &[
    "Cơ quan Bộ Chỉ huy Quân sự {q}",
    "Trung đoàn Bộ binh {n}",
    "Trường Quân sự {q}",
    "Tiểu đoàn Huấn luyện - Cơ động",
];

pub const POLICE: &[&str] = &[
    "Phòng Cảnh sát giao thông Công an {q}",
    "Phòng Cảnh sát hình sự Công an {q}",
    "Phòng An ninh chính trị nội bộ Công an {q}",
    "Phòng Cảnh sát phòng cháy, chữa cháy và cứu nạn, cứu hộ",
    "Phòng Tham mưu Công an {q}",
    "Phòng Cảnh sát kinh tế Công an {q}",
    "Trại tạm giam Công an {q}",
    "Phòng Hậu cần Công an {q}",
];

/// Subordinate cells of a grassroots committee, by what the committee is.
pub const OFFICE_CELLS: &[&str] = &[
    "Phòng Tổng hợp",
    "Phòng Hành chính - Tổ chức",
    "Phòng Kế hoạch - Tài chính",
    "Phòng Nghiệp vụ 1",
    "Phòng Nghiệp vụ 2",
    "Phòng Thanh tra, Pháp chế",
    "Trung tâm Dịch vụ",
];
pub const SCHOOL_CELLS: &[&str] = &[
    "Tổ Toán - Tin",
    "Tổ Ngữ văn",
    "Tổ Khoa học tự nhiên",
    "Tổ Khoa học xã hội",
    "Tổ Ngoại ngữ",
    "Tổ Văn phòng",
];
pub const HEALTH_CELLS: &[&str] = &[
    "Khoa Nội",
    "Khoa Ngoại",
    "Khoa Sản",
    "Khoa Nhi",
    "Khoa Cấp cứu",
    "Khoa Xét nghiệm",
    "Phòng Kế hoạch tổng hợp",
];
pub const FIRM_CELLS: &[&str] = &[
    "Phân xưởng 1",
    "Phân xưởng 2",
    "Phân xưởng 3",
    "Phòng Kế hoạch - Kỹ thuật",
    "Phòng Tài chính - Kế toán",
    "Đội Thi công",
    "Chi nhánh",
];
pub const MILITARY_CELLS: &[&str] = &[
    "Phòng Tham mưu",
    "Phòng Chính trị",
    "Phòng Hậu cần - Kỹ thuật",
    "Đại đội 1",
    "Đại đội 2",
    "Đại đội 3",
    "Đại đội 4",
];
pub const POLICE_CELLS: &[&str] = &["Đội 1", "Đội 2", "Đội 3", "Đội 4", "Đội 5", "Đội Tổng hợp"];

/// The names of a province used in the templates: `{u}` its committee ("Tỉnh ủy" or "Thành
/// ủy"), `{p}` its short name ("Cao Bằng"), `{q}` its qualified name ("tỉnh Cao Bằng").
#[derive(Debug, Clone)]
pub struct ProvinceNames {
    pub office: &'static str,
    pub short: String,
    pub qualified: String,
}

/// A template with the province's names, a place `{x}` and a number `{n}` filled in.
pub fn fill(template: &str, p: &ProvinceNames, place: &str, n: usize) -> String {
    template
        .replace("{u}", p.office)
        .replace("{p}", &p.short)
        .replace("{q}", &p.qualified)
        .replace("{x}", place)
        .replace("{n}", &n.to_string())
}
