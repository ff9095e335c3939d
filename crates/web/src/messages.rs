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
        Problem::NotPositive => "Phải là số nguyên dương (1, 2, 3…).".into(),
        Problem::ConflictsWith { other_field } => {
            format!("Không phù hợp với giá trị của «{other_field}».")
        }
        Problem::OutOfRange { min, max } => format!("Phải là số nguyên từ {min} đến {max}."),
        Problem::InvalidTime => "Giờ không hợp lệ (giờ:phút, ví dụ 19:30).".into(),
        Problem::PercentFormat => {
            "Tỷ lệ phải lớn hơn 0, không quá 100 và có tối đa 2 chữ số thập phân (ví dụ 3,5)."
                .into()
        }
        Problem::NoParentUnit => "Tổ chức đảng này không có cấp trên để nộp lên.".into(),
        Problem::NotAMemberOnDate => "Ngày này người này không phải là đảng viên.".into(),
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
        "document_ref" => "Số văn bản",
        "official_members" => "Số đảng viên chính thức của chi bộ",
        "absent_exempted" => "Số đảng viên miễn sinh hoạt vắng mặt",
        "for_recognition" => "Số tán thành công nhận chính thức",
        "for_removal" => "Số tán thành xóa tên khỏi danh sách dự bị",
        "decision" => "Quyết định",
        "deciding_body" => "Cấp ủy quyết định",
        "extended" => "Gia hạn",
        "candidate_key" => "Mã quần chúng",
        "listed_on" => "Ngày đưa vào danh sách",
        "youth_union_member" => "Là đoàn viên Thanh niên",
        "stage" => "Bước",
        "sponsors" => "Người giới thiệu",
        "together_since" => "Cùng công tác, sinh sống từ ngày",
        "replaces" => "Thay người giới thiệu trước",
        "endorsement" => "Đoàn thể giới thiệu",
        "conclusion" => "Kết luận thẩm tra",
        "approvals" => "Số tán thành",
        "exempted" => "Số đảng viên được miễn công tác và sinh hoạt",
        "method" => "Hình thức biểu quyết",
        "responsible_member" => "Đảng viên được phân công giúp đỡ",
        "progress" => "Kết quả sau thời gian giúp đỡ",
        "committee_size" => "Số ủy viên đảng ủy",
        "received_on" => "Ngày chi bộ nhận quyết định",
        "superior_consent" => "Cấp trên đồng ý tổ chức muộn",
        "letter_number" => "Số giấy giới thiệu",
        "issued_on" => "Ngày cấp giấy",
        "to_unit_code" => "Chi bộ nơi đến (mã)",
        "to_outside" => "Nơi đến ngoài hệ thống",
        "fees_paid_through" => "Đã đóng đảng phí đến tháng",
        "cell_register_number" => "Số sổ đảng viên của chi bộ",
        "transfer_register_number" => "Số sổ chuyển sinh hoạt",
        "addressee" => "Nơi nhận giấy",
        "move_reason" => "Lý do chuyển",
        "move_on" => "Ngày quyết định hoặc ngày chuyển",
        "presented_on" => "Ngày nộp giấy",
        "late_explanation" => "Lý do nộp giấy chậm",
        "confirmed_on" => "Ngày xác nhận",
        "confirmation_ref" => "Số phiếu báo, văn bản xác nhận",
        "host_unit_code" => "Chi bộ sinh hoạt tạm thời (mã)",
        "decided_on" => "Ngày quyết định",
        "returned_on" => "Ngày trở về",
        "requested_on" => "Ngày đảng viên đề nghị",
        "treatment_months" => "Số tháng điều trị",
        "has_medical_records" => "Có hồ sơ bệnh án",
        "resolution_ref" => "Số nghị quyết của chi bộ",
        "resolution_on" => "Ngày nghị quyết",
        "resumed_on" => "Ngày trở lại sinh hoạt",
        "requested_by_member" => "Đảng viên đề nghị trở lại",
        "cell" => "Chi bộ",
        "held_on" => "Ngày sinh hoạt",
        "started_at" => "Giờ bắt đầu",
        "duration_minutes" => "Thời lượng (phút)",
        "chair" => "Chủ trì",
        "recorder" => "Thư ký ghi biên bản",
        "agenda" => "Nội dung (chương trình)",
        "topic" => "Chuyên đề",
        "minutes" => "Biên bản",
        "resolution" => "Nghị quyết",
        "score" => "Chấm điểm",
        "score_preparation" => "Điểm chuẩn bị",
        "score_attendance" => "Điểm tham dự",
        "score_conduct" => "Điểm tiến hành",
        "score_conclusion" => "Điểm kết thúc",
        "votes" => "Biểu quyết",
        "vote_subject" => "Nội dung biểu quyết",
        "attendance" => "Điểm danh",
        "presence" => "Có mặt / vắng",
        "member" => "Đảng viên",
        "since" => "Đi làm ăn xa từ ngày",
        "place" => "Nơi làm ăn, sinh sống",
        "employer" => "Nơi làm việc (cơ quan, doanh nghiệp)",
        "contact" => "Cách liên hệ (điện thoại…)",
        "contact_person_key" => "Cấp ủy viên phụ trách liên hệ (mã đảng viên)",
        "remote_group_code" => "Tổ đảng làm ăn xa (mã)",
        "remote_group" => "Tổ đảng, nhóm đảng viên nơi làm ăn (tên)",
        "messaging_group" => "Nhóm Zalo, nhóm trò chuyện (đường dẫn)",
        "work_kind" => "Công việc nơi làm ăn xa",
        "study_months" => "Số tháng học tập tập trung",
        "channel" => "Hình thức liên hệ",
        "by_member_key" => "Người liên hệ (mã đảng viên)",
        "note" => "Ghi chú",
        "months" | "no_contact_months" => "Số tháng chưa liên hệ",
        "hardship_area" => "Ở vùng khó khăn, biên giới, hải đảo, miền núi, dân tộc thiểu số",
        "fisherman" => "Là ngư dân",
        "elder_or_hamlet_head" => "Là già làng, trưởng thôn, bản ở vùng đó",
        "education_consent_ref" => "Số văn bản đồng ý của cấp ủy cấp tỉnh (học vấn)",
        "education_consent_on" => "Ngày văn bản đồng ý (học vấn)",
        "item" => "Loại tài liệu",
        "dated_on" => "Ngày văn bản",
        "dossier_document_ref" => "Số văn bản",
        "endorsement_ref" => "Số nghị quyết giới thiệu (4-KNĐ)",
        "relatives" => "Người thân đã thẩm tra",
        "relative_birth_parents" => "Đã thẩm tra: cha, mẹ đẻ",
        "relative_parents_in_law" => "Đã thẩm tra: cha, mẹ vợ (chồng)",
        "relative_carers" => "Đã thẩm tra: người trực tiếp nuôi dưỡng",
        "relative_spouse" => "Đã thẩm tra: vợ (chồng)",
        "relative_adult_children" => "Đã thẩm tra: con đã thành niên",
        "comment_summary_ref" => "Số bản tổng hợp ý kiến nhận xét (5-KNĐ)",
        "comment_exception" => "Trường hợp không cần tổng hợp ý kiến nhận xét",
        "healthy_and_respected" => "Trên 60 tuổi: đủ sức khỏe, có uy tín",
        "over_60_ground" => "Trên 60 tuổi: căn cứ",
        "over_60_consent_ref" => "Trên 60 tuổi: số văn bản đồng ý của ban thường vụ tỉnh ủy",
        "over_60_consent_on" => "Trên 60 tuổi: ngày văn bản đồng ý",
        "delegation_ref" => "Số văn bản ủy quyền kết nạp đảng viên",
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
        "payer_name" => "Người nộp thay",
        "paid_on" => "Ngày nộp",
        "receipt_ref" => "Số biên lai",
        "month" => "Tháng",
        "remitted_on" => "Ngày nộp lên cấp trên",
        "reference" => "Số chứng từ",
        "rate_key" => "Mức đảng phí",
        "ground" => "Căn cứ xóa tên",
        "base" => "Số người biểu quyết",
        "reasons" => "Lý do nêu trong đơn",
        "standards_breach" => "Vi phạm tư cách đảng viên",
        "level" => "Cấp giải quyết",
        "decision_stands" => "Kết quả giải quyết",
        "removal_case" => "Quyết định xóa tên bị khiếu nại",
        "discipline" => "Quyết định kỷ luật bị khiếu nại",
        "screening" => "Quyết định xóa tên sau rà soát bị khiếu nại",
        "complaint" => "Đơn khiếu nại",
        "step" => "Bước",
        "key" => "Tham số",
        "value" => "Giá trị",
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
        AppError::Refused(r) => r.message.clone(),
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

/// Why a member moves (TRF-01).
pub fn move_reason(code: &str) -> &'static str {
    match code {
        "new_post" => "Nhận công tác mới",
        "retirement" => "Nghỉ hưu",
        "left_work" => "Thôi việc",
        "demobilised" => "Xuất ngũ",
        "new_residence" => "Thay đổi nơi cư trú",
        _ => "Lý do khác",
    }
}

/// Why a member transfers temporarily (TRF-05).
pub fn temporary_reason(code: &str) -> &'static str {
    match code {
        "move" => "Chuyển nơi làm việc, cư trú",
        "study_or_secondment" => "Đi học, biệt phái",
        _ => "Lý do khác",
    }
}

/// The ground of an exemption (EXM-01).
pub fn exemption_reason(code: &str) -> &'static str {
    match code {
        "old_age" => "Tuổi cao",
        "poor_health" => "Sức khỏe yếu",
        _ => "Lý do khác",
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

/// A channel of contact with a member away (AWY-03).
pub fn contact_channel(code: &str) -> &'static str {
    match code {
        "phone" => "Điện thoại",
        "chat" => "Nhóm trò chuyện, tin nhắn",
        "in_person" => "Gặp trực tiếp",
        _ => "Khác",
    }
}

/// What a member away does, which decides their residence ties (AWY-04).
pub fn away_work_kind(code: &str) -> &'static str {
    match code {
        "agency" => "Làm việc ở cơ quan, doanh nghiệp",
        "barracks" => "Quân đội, công an ở trong doanh trại",
        "study" => "Cán bộ đi học tập trung",
        "student" => "Sinh viên học xa nhà",
        _ => "Lao động tự do, việc khác",
    }
}

/// AWY-04: the member's ties with the residence cell.
pub fn residence_tie(code: &str) -> &'static str {
    match code {
        "required" => "Phải giữ mối liên hệ với chi bộ nơi cư trú (nhận xét hằng năm)",
        "excepted_barracks" => "Không phải giữ liên hệ nơi cư trú (ở doanh trại)",
        "excepted_long_study" => "Không phải giữ liên hệ nơi cư trú (học tập trung từ 12 tháng)",
        "excepted_student_away" => "Không phải giữ liên hệ nơi cư trú (sinh viên học xa nhà)",
        _ => "Không thuộc diện giữ liên hệ nơi cư trú",
    }
}

/// AWY-01/AWY-02: how an absence from a meeting counts for a member away.
pub fn away_absence(code: &str) -> &'static str {
    match code {
        "excused_by_temporary_exemption" => "Đang tạm miễn sinh hoạt: vắng có lý do",
        "unexcused" => "Đi làm ăn xa không xin tạm miễn: vắng sinh hoạt tính là không có lý do",
        _ => "Không đi làm ăn xa",
    }
}

/// AWY-03: where the renewal of a temporary exemption stands.
pub fn renewal_status(code: &str) -> &'static str {
    match code {
        "not_yet_due" => "Chưa đến hạn gia hạn",
        "due_soon" => "Sắp đến hạn gia hạn",
        "due" => "Đến hạn gia hạn hôm nay",
        "overdue" => "Quá hạn gia hạn",
        "on_time" => "Đã gia hạn đúng hạn",
        "late" => "Đã gia hạn muộn",
        _ => "—",
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
        "discipline.record" => "Ghi quyết định kỷ luật",
        "recognition.review" => "Ghi nghị quyết chi bộ xét công nhận chính thức",
        "recognition.decision" => "Ghi quyết định công nhận chính thức",
        "candidate.update" => "Cập nhật thông tin người vào Đảng",
        "candidate.document" => "Bổ sung hồ sơ kết nạp",
        "setting.set" => "Thay đổi thiết lập quy định",
        "transfer.issue" => "Cấp giấy giới thiệu sinh hoạt đảng",
        "transfer.present" => "Tiếp nhận đảng viên chuyển đến",
        "transfer.confirm" => "Xác nhận chuyển sinh hoạt ra ngoài hệ thống",
        "temporary_transfer.start" => "Chuyển sinh hoạt tạm thời",
        "temporary_transfer.renew" => "Gia hạn sinh hoạt tạm thời",
        "temporary_transfer.return" => "Trở về sau sinh hoạt tạm thời",
        "exemption.decide" => "Miễn công tác và sinh hoạt đảng",
        "exemption.renew" => "Gia hạn miễn công tác và sinh hoạt đảng",
        "exemption.resume" => "Trở lại sinh hoạt đảng",
        "meeting.create" => "Ghi buổi sinh hoạt chi bộ",
        "meeting.update" => "Sửa biên bản sinh hoạt chi bộ",
        "meeting.attendance" => "Điểm danh sinh hoạt chi bộ",
        "away.declare" => "Ghi đảng viên đi làm ăn xa",
        "away.update" => "Sửa thông tin đảng viên làm ăn xa",
        "away.end" => "Ghi đảng viên làm ăn xa trở về",
        "away.exemption" => "Cho tạm miễn sinh hoạt (làm ăn xa)",
        "away.contact" => "Ghi liên hệ với đảng viên làm ăn xa",
        "fee.profile" => "Cập nhật căn cứ đóng đảng phí",
        "fee.payment" => "Ghi nhận nộp đảng phí",
        "fee.remittance" => "Ghi nhận nộp đảng phí lên cấp trên",
        "fee.rate" => "Sửa mức đảng phí",
        "screening.step" => "Ghi bước rà soát, sàng lọc đảng viên",
        "removal.step" => "Ghi bước xóa tên đảng viên",
        "complaint.step" => "Ghi bước khiếu nại",
        "leave.step" => "Ghi bước xin ra khỏi Đảng",
        "screening.removal" => "Quyết định xóa tên sau rà soát, sàng lọc",
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
        "recognition_decision" => "Quyết định công nhận chính thức",
        "admission_decision" => "Quyết định kết nạp",
        "admission_ceremony" => "Lễ kết nạp",
        "complaint_settlement" => "Giải quyết khiếu nại",
        "awareness_certificate" => "Giấy chứng nhận lớp nhận thức về Đảng hết hạn",
        "screening_review" => "Xem xét sau thời gian giúp đỡ",
        _ => "Hạn khác",
    }
}

/// An early-warning reason (`chibo_domain::warning::WarningReason::code`, REM-02, AWY-03).
pub fn warning_reason(code: &str) -> &'static str {
    match code {
        "unexcused_absence" => "Bỏ sinh hoạt đảng không có lý do",
        "unpaid_fees" => "Không đóng đảng phí",
        "no_contact" => "Đi làm ăn xa không giữ liên lạc",
        _ => "Lý do khác",
    }
}

/// An early-warning level (`chibo_domain::warning::WarningLevel::code`, REM-03).
pub fn warning_level(code: &str) -> &'static str {
    match code {
        "notice" => "Nhắc nhở",
        "warning" => "Cảnh báo",
        "removal_review" => "Xem xét xóa tên",
        _ => "Mức khác",
    }
}

/// A recognition step's result: a cell review round's or the committee's decision.
pub fn recognition_outcome(code: &str) -> &'static str {
    match code {
        "recognize" => "Chi bộ đề nghị công nhận đảng viên chính thức",
        "not_recognize" => "Chi bộ đề nghị xóa tên trong danh sách đảng viên dự bị",
        "undecided" => "Không đạt hai phần ba ý kiến nào",
        "recognized" => "Công nhận đảng viên chính thức",
        "not_recognized" => "Không công nhận, xóa tên trong danh sách đảng viên dự bị",
        _ => "Kết quả khác",
    }
}

/// The committee that decides a recognition (ADM-12).
pub fn deciding_body(code: &str) -> &'static str {
    match code {
        "grassroots_committee" => "Đảng ủy cơ sở được ủy quyền",
        "superior_standing_committee" => "Ban thường vụ cấp ủy cấp trên",
        _ => "Cấp ủy khác",
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

/// The name of a meeting kind (MTG-01, MTG-02).
pub fn meeting_kind(code: &str) -> &'static str {
    match code {
        "regular" => "Sinh hoạt thường kỳ",
        "thematic" => "Sinh hoạt chuyên đề",
        "general" => "Hội nghị toàn đảng bộ",
        "extraordinary" => "Sinh hoạt bất thường",
        _ => "Sinh hoạt",
    }
}

/// A member's presence at a meeting (MTG-06).
pub fn presence(code: &str) -> &'static str {
    match code {
        "present" => "Có mặt",
        "excused" => "Vắng có lý do",
        "unexcused" => "Vắng không lý do",
        _ => "Chưa điểm danh",
    }
}

/// Why a member of the roster is outside the attendance base (MTG-03), or their place in it.
pub fn base_role(code: &str) -> &'static str {
    match code {
        "own" => "Đảng viên của chi bộ",
        "arrival" => "Sinh hoạt tạm thời",
        "exempted" => "Miễn sinh hoạt — ngoài tổng số",
        "temporarily_exempted" => "Tạm miễn sinh hoạt — ngoài tổng số",
        "temporarily_out" => "Đang sinh hoạt tạm thời nơi khác — ngoài tổng số",
        "in_transit" => "Đang chuyển sinh hoạt — ngoài tổng số",
        _ => "",
    }
}

/// The grade of a scored meeting (MTG-05).
pub fn meeting_grade(code: &str) -> &'static str {
    match code {
        "good" => "Tốt",
        "fair" => "Khá",
        "average" => "Trung bình",
        "weak" => "Yếu",
        _ => "",
    }
}

/// A relative whose background the verification covered (ADM-07, `VERIFIED_RELATIONS`).
pub fn verified_relation(code: &str) -> &'static str {
    match code {
        "birth_parents" => "cha, mẹ đẻ",
        "parents_in_law" => "cha, mẹ vợ (chồng)",
        "carers" => "người trực tiếp nuôi dưỡng",
        "spouse" => "vợ (chồng)",
        "adult_children" => "con đã thành niên",
        _ => "người thân khác",
    }
}

/// Why no comment summary is needed (ADM-08, `COMMENT_EXCEPTIONS`).
pub fn comment_exception(code: &str) -> &'static str {
    match code {
        "no_organisation_same_residence" => {
            "Không tham gia đoàn thể, cư trú tại nơi chi bộ hoạt động"
        }
        _ => "Trường hợp ngoại lệ khác",
    }
}

/// The ground of the over-60 exception (ADM-02).
pub fn over_60_ground(code: &str) -> &'static str {
    match code {
        "no_party_presence" => "Nơi chưa có tổ chức đảng hoặc chưa có đảng viên",
        "special_need" => "Yêu cầu đặc biệt được cấp trên đồng ý",
        _ => "Căn cứ khác",
    }
}

/// A procedure of removal, complaint or leaving (`removal_case.procedure`).
pub fn procedure(code: &str) -> &'static str {
    match code {
        "removal" => "Xóa tên trong danh sách đảng viên",
        "complaint" => "Khiếu nại",
        "leave" => "Xin ra khỏi Đảng",
        _ => "Thủ tục khác",
    }
}

/// The path segment of a procedure's form under `/members/{id}/`.
pub fn procedure_path(code: &str) -> &'static str {
    match code {
        "complaint" => "complaints",
        "leave" => "leave",
        _ => "removal",
    }
}

/// Where a removal, complaint or request to leave stands.
pub fn procedure_state(code: &str) -> &'static str {
    match code {
        "awaiting_self_review" => "Chờ đảng viên tự kiểm điểm",
        "self_reviewed" => "Đảng viên đã tự kiểm điểm",
        "cell_approved" => "Chi bộ đã biểu quyết đề nghị xóa tên",
        "committee_approved" => "Cấp ủy cơ sở đã biểu quyết, chờ quyết định",
        "removed" => "Đã có quyết định xóa tên",
        "not_approved" => "Biểu quyết không đạt hai phần ba: không xóa tên",
        "requested" => "Đã nhận đơn",
        "forwarded" => "Chi bộ đã chuyển đơn lên cấp ủy",
        "left" => "Đã có quyết định cho ra khỏi Đảng",
        "received" => "Đảng viên đã nhận quyết định, trong hạn khiếu nại",
        "lodged" => "Đang giải quyết khiếu nại",
        "settled" => "Đã giải quyết khiếu nại",
        _ => "Chưa có bước nào",
    }
}

/// A recorded step of a removal, complaint or request to leave.
pub fn procedure_step(kind: &str) -> &'static str {
    match kind {
        "opened" => "Mở hồ sơ xem xét xóa tên",
        "self_review_requested" => "Yêu cầu đảng viên tự kiểm điểm",
        "self_reviewed" => "Đảng viên tự kiểm điểm",
        "cell_vote" => "Chi bộ biểu quyết",
        "committee_vote" => "Cấp ủy cơ sở biểu quyết",
        "decided" => "Quyết định của cấp ủy có thẩm quyền",
        "requested" => "Đơn xin ra khỏi Đảng",
        "cell_forwarded" => "Chi bộ chuyển đơn lên cấp ủy",
        "decision_received" => "Đảng viên nhận quyết định",
        "lodged" => "Nộp đơn khiếu nại",
        "settled" => "Giải quyết khiếu nại",
        _ => "Bước khác",
    }
}

/// A ground of removal (`RemovalGround` code).
pub fn removal_ground(code: &str) -> &'static str {
    chibo_domain::removal::RemovalGround::parse(code).map_or("Căn cứ khác", |g| g.label())
}

/// A disciplinary measure (`DisciplineKind` code).
pub fn discipline_kind(code: &str) -> &'static str {
    chibo_domain::removal::DisciplineKind::parse(code).map_or("Kỷ luật", |k| k.label())
}

/// The level settling a complaint.
pub fn complaint_level(code: &str) -> &'static str {
    match code {
        "central" => "Trung ương",
        _ => "Cấp ủy địa phương",
    }
}
