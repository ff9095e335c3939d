//! The Vietnamese message catalogue: every sentence a user reads about an error, and the
//! labels of coded values. No wildcard arms on error enums, so a new variant cannot compile
//! without its sentence.

use chibo_app::AppError;
use chibo_domain::access::Permission;
use chibo_domain::field::{FieldError, Problem};
use chibo_domain::member::TransitionError;
use chibo_domain::org::TreeError;

pub const NOT_FOUND: &str = "Không tìm thấy trang hoặc bản ghi, hoặc bạn không có quyền xem.";
pub const FORBIDDEN: &str = "Tài khoản của bạn không được phép thực hiện thao tác này.";
pub const CSRF: &str =
    "Phiên làm việc đã hết hạn hoặc biểu mẫu không hợp lệ. Vui lòng tải lại trang và thử lại.";
pub const LOGIN_REQUIRED: &str = "Vui lòng đăng nhập.";
pub const BAD_CREDENTIALS: &str = "Tên đăng nhập hoặc mật khẩu không đúng.";
pub const INVALID: &str = "Dữ liệu nhập chưa hợp lệ. Vui lòng xem các lỗi bên dưới.";
pub const BAD_REQUEST: &str = "Yêu cầu không hợp lệ.";
pub const NO_FILE: &str = "Chưa chọn tệp .zip để tải lên.";

fn dmy(d: chrono::NaiveDate) -> String {
    d.format("%d/%m/%Y").to_string()
}

/// What is wrong with a field, as a sentence.
pub fn problem(p: &Problem) -> String {
    match p {
        Problem::Required => "Bắt buộc nhập.".into(),
        Problem::TooLong { max } => format!("Không được dài quá {max} ký tự."),
        Problem::InvalidDate => {
            "Ngày không hợp lệ; nhập theo dạng ngày/tháng/năm, ví dụ 05/09/2025.".into()
        }
        Problem::DateInFuture => "Ngày không được sau ngày hôm nay.".into(),
        Problem::DateTooEarly => "Ngày quá sớm so với các mốc liên quan.".into(),
        Problem::DateBefore { other_field } => {
            format!("Ngày không được trước «{}».", field_label(other_field))
        }
        Problem::BirthDateTooRecent => {
            "Người chưa đủ 18 tuổi không thể có trong danh sách đảng viên.".into()
        }
        Problem::CitizenIdFormat => "Số căn cước công dân gồm đúng 12 chữ số.".into(),
        Problem::CardNumberFormat => {
            "Số thẻ đảng viên không hợp lệ (4–20 ký tự, chủ yếu là chữ số).".into()
        }
        Problem::CardNeedsOfficial => {
            "Chỉ đảng viên chính thức mới có thẻ đảng viên (MEM-05).".into()
        }
        Problem::PhoneFormat => {
            "Số điện thoại không hợp lệ (10–11 chữ số, bắt đầu bằng 0 hoặc +84).".into()
        }
        Problem::EmailFormat => "Địa chỉ thư điện tử không hợp lệ.".into(),
        Problem::NameFormat => "Tên chỉ gồm chữ cái, dấu cách, dấu nháy và gạch nối.".into(),
        Problem::UnitCodeFormat => {
            "Mã chỉ gồm chữ cái không dấu, chữ số và các ký tự . _ - (tối đa 40 ký tự).".into()
        }
        Problem::NotOneOf { allowed } => format!(
            "Giá trị không hợp lệ; chọn một trong: {}.",
            allowed.join(", ")
        ),
        Problem::UnknownCommune => "Không có xã, phường hoặc đặc khu với mã này.".into(),
        Problem::UnknownProvince => "Không có tỉnh, thành phố với mã này.".into(),
        Problem::UnknownUnit => "Không có tổ chức đảng với mã này trong phạm vi của bạn.".into(),
        Problem::UnitNotValidOnDate => "Tổ chức đảng này không tồn tại vào ngày đã nhập.".into(),
        Problem::UnitHoldsNoMembers => {
            "Đảng viên chỉ sinh hoạt ở chi bộ, chi bộ cơ sở hoặc tổ đảng.".into()
        }
        Problem::NotExpected => "Loại sự kiện này không ghi tổ chức đảng; để trống ô này.".into(),
        Problem::UnknownMember => "Không có đảng viên với mã này.".into(),
        Problem::UnknownUser => "Không có tài khoản với tên này.".into(),
        Problem::UsernameFormat => {
            "Tên đăng nhập gồm 3–32 ký tự: chữ thường không dấu, chữ số, . _ -".into()
        }
        Problem::UnknownResidentialArea => {
            "Không có thôn, ấp, khu phố này ở xã, phường nơi cư trú.".into()
        }
        Problem::AlreadyTaken => "Giá trị này đã được dùng cho một bản ghi khác.".into(),
        Problem::PasswordTooShort { min } => format!("Mật khẩu phải có ít nhất {min} ký tự."),
        Problem::NotANumber => "Phải là một số.".into(),
        Problem::Repeated { value } => format!("Giá trị «{value}» được nhập nhiều lần."),
        Problem::MakeupNotWeekend => "Ngày làm bù phải là thứ Bảy hoặc Chủ nhật.".into(),
        Problem::YearOutOfRange { min, max } => format!("Năm phải từ {min} đến {max}."),
        Problem::CountOrPercent => {
            "Nhập đúng một trong hai: số lượng hoặc tỷ lệ phần trăm, không nhập cả hai.".into()
        }
        Problem::NotACount => "Phải là số nguyên không âm (0, 1, 2…).".into(),
        Problem::PercentFormat => {
            "Tỷ lệ phải lớn hơn 0, không quá 100 và có tối đa 2 chữ số thập phân (ví dụ 3,5)."
                .into()
        }
        Problem::NoParentUnit => "Tổ chức đảng này không có cấp trên để nộp lên.".into(),
    }
}

/// The label of a form or API field.
pub fn field_label(field: &str) -> &'static str {
    match field {
        "full_name" => "Họ và tên",
        "sex" => "Giới tính",
        "birth_date" => "Ngày sinh",
        "citizen_id" => "Số CCCD",
        "card_number" => "Số thẻ đảng viên",
        "ethnicity" => "Dân tộc",
        "religion" => "Tôn giáo",
        "education" => "Trình độ học vấn",
        "professional_level" => "Trình độ chuyên môn",
        "political_theory" => "Lý luận chính trị",
        "occupation" => "Nghề nghiệp",
        "residence_admin_code" => "Xã, phường nơi cư trú (mã)",
        "residential_area_id" => "Thôn, ấp, khu phố",
        "hometown" => "Quê quán",
        "current_address" => "Nơi ở hiện nay",
        "phone" => "Số điện thoại",
        "email" => "Thư điện tử",
        "biography_number" => "Số lý lịch",
        "member_key" => "Mã đảng viên",
        "cell_code" => "Chi bộ (mã)",
        "admitted_on" => "Ngày kết nạp",
        "recognized_on" => "Ngày chính thức",
        "decision_ref" => "Số quyết định",
        "kind" => "Loại",
        "on" => "Ngày hiệu lực",
        "unit_code" => "Tổ chức đảng (mã)",
        "reason" => "Lý do",
        "code" => "Mã",
        "name" => "Tên",
        "parent_code" => "Cấp trên (mã)",
        "admin_unit_code" => "Đơn vị hành chính (mã)",
        "valid_from" => "Ngày thành lập",
        "into_code" => "Hợp nhất vào (mã)",
        "covering_unit_code" => "Chi bộ phụ trách (mã)",
        "commune" => "Xã, phường",
        "username" => "Tên đăng nhập",
        "display_name" => "Tên hiển thị",
        "password" => "Mật khẩu",
        "role" => "Vai trò",
        "from" => "Từ ngày",
        "until" => "Đến ngày",
        "page" => "Trang",
        "day" => "Ngày xem",
        "as_of" => "Ngày thống kê",
        "unit" => "Tổ chức đảng",
        "by" => "Phân tổ theo",
        "to" => "Đến ngày",
        "compare" => "So sánh với ngày",
        "format" => "Định dạng",
        "date" => "Ngày",
        "year" => "Năm",
        "count" => "Số lượng kết nạp",
        "percent" => "Tỷ lệ kết nạp (%)",
        "category" => "Đối tượng đóng đảng phí",
        "category_from" => "Áp dụng từ tháng",
        "income_kind" => "Loại thu nhập làm căn cứ",
        "income_amount" => "Mức thu nhập (đồng)",
        "income_from" => "Thu nhập áp dụng từ tháng",
        "exemption_ground" => "Lý do miễn đảng phí",
        "exemption_from" => "Miễn từ tháng",
        "exemption_until" => "Miễn đến tháng",
        "reduction_percent" => "Mức giảm (%)",
        "reduction_from" => "Giảm từ tháng",
        "reduction_until" => "Giảm đến tháng",
        "reduction_decision_ref" => "Số quyết định giảm",
        "from_month" => "Đóng từ tháng",
        "to_month" => "Đóng đến tháng",
        "amount" => "Số tiền (đồng)",
        "channel" => "Hình thức nộp",
        "payer_name" => "Người nộp thay",
        "paid_on" => "Ngày nộp",
        "receipt_ref" => "Số biên lai",
        "month" => "Tháng",
        "remitted_on" => "Ngày nộp lên cấp trên",
        "reference" => "Số chứng từ",
        "rate_key" => "Mức đảng phí",
        "member" => "Đảng viên",
        _ => "Trường dữ liệu",
    }
}

/// "«Label»: sentence", naming the field.
pub fn field_error(e: &FieldError) -> String {
    format!("«{}»: {}", field_label(e.field), problem(&e.problem))
}

/// Why a life-cycle event was refused, with the rule it enforces.
pub fn transition(e: &TransitionError) -> String {
    match e {
        TransitionError::MustStartWithAdmission => {
            "Lịch sử của đảng viên phải bắt đầu bằng sự kiện kết nạp.".into()
        }
        TransitionError::NotAMember => {
            "Người này không còn là đảng viên vào ngày đó; chỉ có thể ghi kết nạp lại.".into()
        }
        TransitionError::AlreadyMember => {
            "Người này đang là đảng viên; không thể kết nạp lại.".into()
        }
        TransitionError::NotProbationary => {
            "Chỉ đảng viên dự bị mới được công nhận chính thức hoặc không công nhận.".into()
        }
        TransitionError::ProbationNotOver { ends } => {
            format!(
                "Chưa hết thời gian dự bị 12 tháng (đến ngày {}) (PRB-01).",
                dmy(*ends)
            )
        }
        TransitionError::ProbationerExpelled => {
            "Đảng viên dự bị không bị xử lý bằng hình thức khai trừ (PRB-06).".into()
        }
        TransitionError::InTransit => {
            "Đảng viên đang trong thời gian chuyển sinh hoạt đảng; hãy ghi tiếp nhận trước.".into()
        }
        TransitionError::NotInTransit => {
            "Đảng viên không đang chuyển sinh hoạt; cần ghi chuyển đi trước khi tiếp nhận.".into()
        }
        TransitionError::AlreadyTemporarilyOut => {
            "Đảng viên đang sinh hoạt tạm thời ở nơi khác.".into()
        }
        TransitionError::NotTemporarilyOut => {
            "Đảng viên không đang sinh hoạt tạm thời ở nơi khác.".into()
        }
        TransitionError::AlreadyExempted => "Đảng viên đã được miễn sinh hoạt.".into(),
        TransitionError::NotExempted => "Đảng viên không đang được miễn sinh hoạt.".into(),
        TransitionError::AlreadyWorkingAway => "Đảng viên đã được ghi là đang làm ăn xa.".into(),
        TransitionError::NotWorkingAway => "Đảng viên không đang làm ăn xa.".into(),
        TransitionError::UnitRequired { .. } => "Sự kiện này cần ghi tổ chức đảng.".into(),
        TransitionError::UnitNotExpected { .. } => "Sự kiện này không ghi tổ chức đảng.".into(),
        TransitionError::SameCell => "Đảng viên đang sinh hoạt ở chính tổ chức này.".into(),
    }
}

/// Why a change to the tree was refused.
pub fn tree(e: &TreeError) -> String {
    match e {
        TreeError::EndsBeforeStart {
            valid_from,
            valid_to,
        } => {
            format!(
                "Phiên bản kết thúc ({}) trước khi bắt đầu ({}).",
                dmy(*valid_to),
                dmy(*valid_from)
            )
        }
        TreeError::Overlap { on } => format!(
            "Các phiên bản của tổ chức chồng lên nhau vào ngày {}.",
            dmy(*on)
        ),
        TreeError::ParentMissing { on } => format!(
            "Tổ chức cấp trên không tồn tại vào ngày {} (ORG-09).",
            dmy(*on)
        ),
        TreeError::Cycle => {
            "Không thể đặt một tổ chức dưới chính nó hoặc dưới tổ chức trực thuộc nó.".into()
        }
        TreeError::KindNotAllowed { kind, parent } => format!(
            "{} không thể trực thuộc {} (ORG-03, ORG-06).",
            unit_kind(kind.code()),
            unit_kind(parent.code()).to_lowercase()
        ),
        TreeError::NeedsParent { kind } => {
            format!("{} phải có tổ chức cấp trên.", unit_kind(kind.code()))
        }
        TreeError::AlreadyEnded => "Tổ chức này đã kết thúc hoạt động.".into(),
        TreeError::NotAfterCurrentVersion { since } => {
            format!(
                "Ngày hiệu lực phải sau ngày {}, ngày bắt đầu của thông tin hiện tại.",
                dmy(*since)
            )
        }
        TreeError::NoVersion => "Tổ chức không có thông tin phiên bản.".into(),
        TreeError::NoChange => "Không có gì thay đổi so với hiện tại.".into(),
        TreeError::HasMembers { members, on } => {
            format!(
                "Tổ chức còn {members} đảng viên vào ngày {}; hãy chuyển sinh hoạt hoặc hợp nhất trước.",
                dmy(*on)
            )
        }
        TreeError::HasChildren { children, on } => {
            format!(
                "Tổ chức còn {children} tổ chức trực thuộc từ ngày {}; hãy giải thể hoặc chuyển chúng trước.",
                dmy(*on)
            )
        }
        TreeError::MergeIntoSelf => {
            "Không thể hợp nhất một tổ chức vào chính nó hoặc tổ chức trực thuộc nó.".into()
        }
        TreeError::MergeKindMismatch { from, into } => format!(
            "Không thể hợp nhất {} vào {}.",
            unit_kind(from.code()).to_lowercase(),
            unit_kind(into.code()).to_lowercase()
        ),
    }
}

pub fn permission(p: Permission) -> &'static str {
    match p {
        Permission::ViewUnits => "xem tổ chức đảng",
        Permission::ViewMembers => "xem hồ sơ đảng viên",
        Permission::EditMembers => "cập nhật hồ sơ đảng viên",
        Permission::ManageTree => "quản lý tổ chức đảng",
        Permission::ViewAudit => "xem nhật ký",
        Permission::ManageUsers => "quản lý tài khoản",
        Permission::ManageCalendar => "quản lý lịch ngày nghỉ",
        Permission::SetTargets => "đặt chỉ tiêu kết nạp đảng viên",
        Permission::ViewOwnRecord => "xem hồ sơ của mình",
    }
}

/// The user-facing summary of an application error (field errors are shown one by one).
pub fn app_error(e: &AppError) -> String {
    match e {
        AppError::NotFound => NOT_FOUND.into(),
        AppError::Forbidden(p) => format!(
            "{} (cần quyền {}).",
            FORBIDDEN.trim_end_matches('.'),
            permission(*p)
        ),
        AppError::Invalid(fields) => {
            let mut s = INVALID.to_owned();
            for f in fields {
                s.push(' ');
                s.push_str(&field_error(f));
            }
            s
        }
        AppError::NoSuchReference { field } => {
            format!(
                "«{}»: {}",
                field_label(field),
                problem(&Problem::UnknownUnit)
            )
        }
        AppError::Transition(t) => transition(t),
        AppError::Rule(v) => v.message(),
        AppError::Fee(v) => v.message(),
        AppError::Tree(t) => tree(t),
        AppError::BadCredentials => BAD_CREDENTIALS.into(),
        AppError::TooManyAttempts { retry_after_secs } => {
            format!(
                "Đăng nhập sai quá nhiều lần. Vui lòng thử lại sau {} phút.",
                retry_after_secs.div_ceil(60)
            )
        }
        AppError::Storage(_) | AppError::Internal(_) => "Hệ thống gặp lỗi.".into(),
    }
}

pub fn unit_kind(code: &str) -> &'static str {
    match code {
        "province_committee" => "Đảng bộ tỉnh, thành phố",
        "commune_committee" => "Đảng bộ xã, phường, đặc khu",
        "agency_committee" => "Đảng bộ khối cơ quan",
        "grassroots_committee" => "Đảng bộ cơ sở",
        "grassroots_cell" => "Chi bộ cơ sở",
        "cell" => "Chi bộ trực thuộc",
        "party_group" => "Tổ đảng",
        _ => "Tổ chức đảng",
    }
}

pub fn event_kind(code: &str) -> &'static str {
    match code {
        "admitted" => "Kết nạp",
        "recognized" => "Công nhận đảng viên chính thức",
        "transfer_out" => "Chuyển sinh hoạt đi",
        "transfer_in" => "Tiếp nhận sinh hoạt",
        "temp_out" => "Sinh hoạt tạm thời nơi khác",
        "temp_return" => "Kết thúc sinh hoạt tạm thời",
        "exempted" => "Miễn công tác và sinh hoạt đảng",
        "exemption_ended" => "Thôi miễn sinh hoạt",
        "working_away_start" => "Đi làm ăn xa",
        "working_away_end" => "Trở về sau làm ăn xa",
        "removed" => "Xóa tên",
        "expelled" => "Khai trừ",
        "resigned" => "Xin ra khỏi Đảng",
        "deceased" => "Từ trần",
        "not_recognized" => "Không công nhận đảng viên chính thức",
        "void" => "Đính chính (hủy sự kiện)",
        _ => "Sự kiện",
    }
}

pub fn status(code: &str) -> &'static str {
    match code {
        "probationary" => "Dự bị",
        "official" => "Chính thức",
        "removed" => "Đã xóa tên",
        "expelled" => "Đã khai trừ",
        "resigned" => "Đã ra khỏi Đảng",
        "deceased" => "Đã từ trần",
        "not_recognized" => "Không được công nhận",
        _ => "Không rõ",
    }
}

pub fn role(code: &str) -> &'static str {
    match code {
        "admin" => "Quản trị hệ thống",
        "officer" => "Cán bộ ban tổ chức",
        "secretary" => "Bí thư chi bộ",
        "inspector" => "Kiểm tra, giám sát (chỉ xem)",
        "member" => "Đảng viên",
        _ => "Không rõ",
    }
}

pub fn residential_kind(code: &str) -> &'static str {
    match code {
        "thon" => "Thôn",
        "ap" => "Ấp",
        "ban" => "Bản",
        "xom" => "Xóm",
        "khom" => "Khóm, khu phố",
        "to_dan_pho" => "Tổ dân phố",
        _ => "Khu dân cư",
    }
}

pub fn sex(code: &str) -> &'static str {
    match code {
        "M" => "Nam",
        "F" => "Nữ",
        _ => "",
    }
}

pub fn professional_level(code: &str) -> &'static str {
    match code {
        "trung_cap" => "Trung cấp",
        "cao_dang" => "Cao đẳng",
        "dai_hoc" => "Đại học",
        "thac_si" => "Thạc sĩ",
        "tien_si" => "Tiến sĩ",
        _ => "",
    }
}

pub fn political_theory(code: &str) -> &'static str {
    match code {
        "so_cap" => "Sơ cấp",
        "trung_cap" => "Trung cấp",
        "cao_cap" => "Cao cấp",
        "cu_nhan" => "Cử nhân",
        _ => "",
    }
}

/// A calendar entry's kind.
pub fn day_kind(code: &str) -> &'static str {
    match code {
        "holiday" => "Ngày lễ",
        "day_off" => "Nghỉ bù/hoán đổi",
        "makeup_workday" => "Làm bù",
        _ => "Khác",
    }
}

/// The day of the week, as calendars print it.
pub fn weekday(w: chrono::Weekday) -> &'static str {
    match w {
        chrono::Weekday::Mon => "Thứ Hai",
        chrono::Weekday::Tue => "Thứ Ba",
        chrono::Weekday::Wed => "Thứ Tư",
        chrono::Weekday::Thu => "Thứ Năm",
        chrono::Weekday::Fri => "Thứ Sáu",
        chrono::Weekday::Sat => "Thứ Bảy",
        chrono::Weekday::Sun => "Chủ nhật",
    }
}

pub fn audit_action(code: &str) -> &'static str {
    match code {
        "unit.create" => "Thành lập tổ chức",
        "unit.rename" => "Đổi tên tổ chức",
        "unit.move" => "Chuyển cấp trên",
        "unit.merge" => "Hợp nhất tổ chức",
        "unit.dissolve" => "Giải thể tổ chức",
        "area.create" => "Thêm khu dân cư",
        "area.cover" => "Đổi chi bộ phụ trách khu dân cư",
        "member.create" => "Thêm đảng viên",
        "member.update" => "Sửa hồ sơ",
        "member.view" => "Xem hồ sơ",
        "event.record" => "Ghi sự kiện",
        "event.void" => "Đính chính sự kiện",
        "user.create" => "Tạo tài khoản",
        "user.disable" => "Khóa tài khoản",
        "user.enable" => "Mở khóa tài khoản",
        "user.password" => "Đặt mật khẩu",
        "token.create" => "Tạo khóa API",
        "login.succeeded" => "Đăng nhập",
        "login.failed" => "Đăng nhập thất bại",
        "logout" => "Đăng xuất",
        "export" => "Xuất dữ liệu",
        "import" => "Nhập dữ liệu",
        "demo.generate" => "Tạo dữ liệu mẫu",
        "calendar.save" => "Cập nhật lịch ngày nghỉ",
        "calendar.delete" => "Xóa ngày khỏi lịch ngày nghỉ",
        "candidate.create" => "Thêm người vào danh sách phát triển đảng viên",
        "candidate.step" => "Ghi bước kết nạp đảng viên",
        "target.set" => "Đặt chỉ tiêu kết nạp",
        "fee.profile" => "Cập nhật căn cứ đóng đảng phí",
        "fee.payment" => "Ghi nhận nộp đảng phí",
        "fee.remittance" => "Ghi nhận nộp đảng phí lên cấp trên",
        "fee.rate" => "Sửa mức đảng phí",
        _ => "Thao tác",
    }
}

/// What is wrong with a place in an interchange data set.
pub fn import_problem(p: &chibo_app::interchange::ImportProblem) -> String {
    use chibo_app::interchange::ImportProblem as P;
    match p {
        P::MissingFile => "Bộ dữ liệu thiếu tệp này.".into(),
        P::EmptyFile => "Tệp trống, không có dòng tiêu đề.".into(),
        P::NotADataSet => {
            "Không phải thư mục hay tệp .zip chứa units.csv, members.csv và events.csv.".into()
        }
        P::NotUtf8 => "Dữ liệu không ở mã UTF-8; hãy lưu tệp CSV theo mã UTF-8.".into(),
        P::MalformedCsv { detail } => {
            format!("Dòng CSV sai định dạng (kiểm tra dấu ngoặc kép): {detail}.")
        }
        P::FieldCount { expected, found } => {
            format!("Dòng có {found} cột trong khi dòng tiêu đề có {expected} cột.")
        }
        P::MissingColumn => "Thiếu cột bắt buộc này.".into(),
        P::UnknownColumn => "Cột này không có trong định dạng trao đổi v1.".into(),
        P::DuplicateColumn => "Cột này bị lặp trong dòng tiêu đề.".into(),
        P::Field(problem) => self::problem(problem),
        P::Duplicate { first_line } => format!("Giá trị đã xuất hiện ở dòng {first_line}."),
        P::AlreadyInRegistry => "Giá trị này đã có trong cơ sở dữ liệu.".into(),
        P::UnknownUnit => {
            "Không có tổ chức đảng với mã này trong tệp hay trong cơ sở dữ liệu.".into()
        }
        P::UnknownMember => "Không có đảng viên với mã này trong members.csv.".into(),
        P::NoEvents => {
            "Đảng viên không có sự kiện nào trong events.csv (cần ít nhất sự kiện kết nạp).".into()
        }
        P::CardNeedsOfficial => self::problem(&Problem::CardNeedsOfficial),
        P::Transition(t) => transition(t),
        P::Tree(t) => tree(t),
        P::OutOfScope => "Tổ chức này nằm ngoài phạm vi của tài khoản.".into(),
    }
}

/// `file:line:column: message [code]`, the form every import error is reported in.
pub fn import_error(e: &chibo_app::interchange::ImportError) -> String {
    format!(
        "{}:{}:{}: {} [{}]",
        e.file,
        e.line,
        e.column,
        import_problem(&e.problem),
        e.problem.code()
    )
}

/// The name of an import stage.
pub fn import_stage(s: chibo_app::interchange::Stage) -> &'static str {
    use chibo_app::interchange::Stage as S;
    match s {
        S::ReadUnits => "Đọc units.csv",
        S::ReadMembers => "Đọc members.csv",
        S::ReadEvents => "Đọc events.csv",
        S::CheckHistories => "Kiểm tra lịch sử đảng viên",
        S::WriteUnits => "Ghi tổ chức đảng",
        S::WriteMembers => "Ghi đảng viên và sự kiện",
        S::BuildIndexes => "Xây dựng chỉ mục",
        S::Commit => "Hoàn tất giao dịch",
        S::Done => "Xong",
    }
}

/// The state of an import job.
pub fn import_status(code: &str) -> &'static str {
    match code {
        "running" => "Đang chạy",
        "written" => "Đã nhập xong",
        "checked" => "Chạy thử: dữ liệu hợp lệ",
        "refused" => "Bị từ chối",
        "failed" => "Thất bại",
        "interrupted" => "Bị gián đoạn (máy chủ khởi động lại)",
        _ => "Không rõ",
    }
}
/// The heading of a statistics dimension.
pub fn dimension(code: &str) -> &'static str {
    match code {
        "unit" => "Tổ chức đảng",
        "sex" => "Giới tính",
        "age_band" => "Độ tuổi",
        "ethnicity" => "Dân tộc",
        "religion" => "Tôn giáo",
        "education" => "Trình độ học vấn",
        "professional_level" => "Trình độ chuyên môn",
        "political_theory" => "Lý luận chính trị",
        "party_age_band" => "Tuổi đảng",
        "status" => "Loại đảng viên",
        _ => "Tiêu chí",
    }
}

/// The heading of a statistics measure column (`…_compare` and `…_change` included).
pub fn measure(code: &str) -> String {
    let base = |c: &str| match c {
        "members" => "Đảng viên",
        "official" => "Chính thức",
        "probationary" => "Dự bị",
        "exempted" => "Miễn sinh hoạt",
        "working_away" => "Làm ăn xa",
        "in_transit" => "Đang chuyển sinh hoạt",
        "admitted" => "Kết nạp",
        "recognized" => "Công nhận chính thức",
        "transferred_in" => "Chuyển đến",
        "transferred_out" => "Chuyển đi",
        "removed" => "Xóa tên",
        "expelled" => "Khai trừ",
        "resigned" => "Xin ra khỏi Đảng",
        "deceased" => "Từ trần",
        "not_recognized" => "Không công nhận",
        _ => "Số liệu",
    };
    if let Some(c) = code.strip_suffix("_compare") {
        format!("{} (ngày so sánh)", base(c))
    } else if let Some(c) = code.strip_suffix("_change") {
        format!("{} (tăng/giảm)", base(c))
    } else {
        base(code).to_owned()
    }
}

/// How a value of a statistics dimension reads: coded values get their Vietnamese label,
/// free text stays as recorded, unknown reads "Không rõ".
pub fn dimension_value(dimension: &str, value: &str) -> String {
    let label = match dimension {
        "sex" => sex(value),
        "status" => status(value),
        "professional_level" => professional_level(value),
        "political_theory" => political_theory(value),
        _ => "",
    };
    match (label, value) {
        (_, "") => "Không rõ".to_owned(),
        ("", v) => v.to_owned(),
        (l, _) => l.to_owned(),
    }
}

/// Only two dimensions make a pivot table.
pub const STATS_TOO_MANY_DIMENSIONS: &str = "«Phân tổ theo»: chọn tối đa hai tiêu chí cho bảng chéo trên trang; dùng API hoặc dòng lệnh để phân tổ nhiều hơn.";

/// A deadline's kind (`chibo_app::deadlines::DeadlineKind::code`).
pub fn deadline_kind(code: &str) -> &'static str {
    match code {
        "recognition_review" => "Xét công nhận chính thức",
        _ => "Hạn khác",
    }
}

/// Where a deadline stands (`DeadlineStatus::code`).
pub fn deadline_status(code: &str) -> &'static str {
    match code {
        "not_yet_due" => "Chưa đến hạn",
        "due_soon" => "Sắp đến hạn",
        "due" => "Đến hạn hôm nay",
        "overdue" => "Quá hạn",
        _ => "Không rõ",
    }
}
