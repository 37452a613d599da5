"""What the demo dossiers say (seed_demo_dossiers moves them): villages of Mang Yang in Gia Lai, Bahnar and
Jrai names beside Kinh ones, and the achievements the movement rewards. A module whose name starts with an
underscore is not a command."""

from dataclasses import dataclass


@dataclass(frozen=True)
class Text:
    """A demo document: its file name, and the title and body its one page prints."""

    file: str
    title: str
    body: str = ""


@dataclass(frozen=True)
class Spec:
    head: str  # the village head who drafts it
    village: str
    title: str
    nominees: tuple  # (nominee kind, name, award form code, achievement summary)
    reason: str = ""  # why it is refused or sent back, where the demo does so
    supplement: Text | None = None  # what is sent back after a supplement request


LADDER_ROUND = "Khen thưởng hằng năm 2024"

LADDER_2024 = {
    "dd_xa": Spec(
        "truongthon.a1",
        "GL-MY-DD-01",
        "Đề nghị khen thưởng năm 2024 – Làng Đê Kôn",
        (
            (
                "household",
                "Hộ ông Đinh Văn Blơi",
                "giay_khen_xa",
                "Thoát nghèo năm 2022 nhờ nuôi bò sinh sản bằng vốn vay Ngân hàng Chính sách xã hội; năm 2024 "
                "cho 3 hộ nghèo trong làng mượn bò giống.",
            ),
            (
                "individual",
                "Bà Đinh Thị Blưm, Chi hội trưởng Chi hội Phụ nữ làng Đê Kôn",
                "giay_khen_xa",
                "Vận động 12 hộ vào tổ tiết kiệm và vay vốn; 5 hộ hội viên thoát nghèo trong năm 2024.",
            ),
        ),
    ),
    "dd_huyen": Spec(
        "truongthon.a2",
        "GL-MY-DD-02",
        "Đề nghị khen thưởng năm 2024 – Làng Dơ Nâu",
        (
            (
                "collective",
                "Làng Dơ Nâu, xã Đak Djrăng",
                "giay_khen_huyen",
                "Tỷ lệ hộ nghèo giảm từ 18,6% cuối năm 2023 xuống 11,2% cuối năm 2024, vượt chỉ tiêu huyện giao; "
                "mọi hộ nghèo có nhu cầu đều được vay vốn sản xuất.",
            ),
            (
                "household",
                "Hộ bà Rơ Châm Hyên",
                "giay_khen_huyen",
                "Tự nguyện đăng ký thoát nghèo năm 2021; tái canh 1,2 ha cà phê xen hồ tiêu, thu nhập năm 2024 "
                "đạt 96 triệu đồng; trả gốc và lãi vay đúng hạn.",
            ),
        ),
    ),
    "dd_tinh": Spec(
        "truongthon.a1",
        "GL-MY-DD-01",
        "Đề nghị khen thưởng năm 2024 – Bí thư Chi bộ và hộ sản xuất giỏi làng Đê Kôn",
        (
            (
                "individual",
                "Ông Đinh Văn Thur, Bí thư Chi bộ làng Đê Kôn",
                "bang_khen_tinh",
                "Vận động đồng bào chuyển đổi cây trồng, hiến 2.000 m² đất làm đường nội đồng; làng giảm 41 hộ "
                "nghèo giai đoạn 2021–2024.",
            ),
            (
                "household",
                "Hộ ông Ksor Hlim",
                "giay_khen_huyen",
                "Thoát nghèo bền vững từ năm 2020; dạy kỹ thuật ghép cà phê cho 15 hộ nghèo và cho mượn không "
                "lãi 20 triệu đồng mua giống.",
            ),
        ),
    ),
    "dd_tai_ngheo": Spec(
        "truongthon.a2",
        "GL-MY-DD-02",
        "Đề nghị khen thưởng năm 2024 – hộ thoát nghèo làng Dơ Nâu",
        (
            (
                "household",
                "Hộ ông Đinh Văn Pơl",
                "giay_khen_huyen",
                "Đăng ký thoát nghèo năm 2023 nhờ mô hình nuôi heo rừng lai.",
            ),
        ),
        reason="Theo kết quả rà soát hộ nghèo cuối năm 2024, hộ ông Đinh Văn Pơl tái nghèo do dịch tả lợn "
        "châu Phi: chưa đạt tiêu chí thoát nghèo bền vững.",
    ),
    "lp_xa": Spec(
        "truongthon.b1",
        "GL-MY-LP-01",
        "Đề nghị khen thưởng năm 2024 – Làng Đê Hrel",
        (
            (
                "collective",
                "Tổ hợp tác trồng mì làng Đê Hrel",
                "giay_khen_xa",
                "Liên kết 23 hộ, trong đó 14 hộ nghèo, trồng mì theo hợp đồng bao tiêu với nhà máy tinh bột sắn; "
                "thu nhập bình quân tăng 30%.",
            ),
            (
                "household",
                "Hộ bà Siu Thị Hyên",
                "giay_khen_xa",
                "Thoát nghèo năm 2024 nhờ nuôi dê sinh sản; con trai học nghề hàn và có việc làm ổn định.",
            ),
        ),
    ),
    "lp_huyen": Spec(
        "truongthon.b1",
        "GL-MY-LP-01",
        "Đề nghị khen thưởng năm 2024 – Trưởng ban công tác Mặt trận làng Đê Hrel",
        (
            (
                "individual",
                "Ông Rơ Mah Tih, Trưởng ban công tác Mặt trận làng Đê Hrel",
                "giay_khen_huyen",
                "Vận động xây 6 căn nhà Đại đoàn kết cho hộ nghèo, huy động 180 ngày công và 90 triệu đồng của "
                "người dân.",
            ),
        ),
    ),
    "lp_bo_sung": Spec(
        "truongthon.b1",
        "GL-MY-LP-01",
        "Đề nghị khen thưởng năm 2024 – Hợp tác xã và cán bộ giảm nghèo xã Lơ Pang",
        (
            (
                "enterprise",
                "Hợp tác xã Nông nghiệp Dịch vụ Lơ Pang",
                "giay_khen_huyen",
                "Bao tiêu cà phê, chanh dây cho 37 hộ nghèo và cận nghèo; tạo việc làm thời vụ cho 60 lao động "
                "người Bahnar.",
            ),
            (
                "individual",
                "Bà Nguyễn Thị Thu Hà, công chức Văn hóa – Xã hội xã Lơ Pang",
                "giay_khen_huyen",
                "Tham mưu rà soát hộ nghèo chính xác, kịp thời; hướng dẫn 48 hộ lập hồ sơ vay vốn Ngân hàng "
                "Chính sách xã hội.",
            ),
        ),
        reason="Đề nghị bổ sung hợp đồng bao tiêu năm 2024 của hợp tác xã và xác nhận của Phòng giao dịch "
        "Ngân hàng Chính sách xã hội huyện về dư nợ của các hộ được bao tiêu.",
        supplement=Text(
            "hop-dong-bao-tieu.pdf",
            "Hợp đồng bao tiêu năm 2024 và xác nhận của Phòng giao dịch NHCSXH",
            "Xã đã bổ sung hợp đồng bao tiêu năm 2024 và xác nhận dư nợ của Phòng giao dịch NHCSXH huyện.",
        ),
    ),
}

_HEAD, _VILLAGE = "truongthon.my1", "GL-XMY-01"

# Today's open round of Xã Mang Yang, one dossier per stage the demo shows (the key names it).
TWO_TIER = {
    "draft": Spec(
        _HEAD,
        _VILLAGE,
        "Đề nghị khen thưởng – hộ nuôi bò sinh sản làng Đê Kôn",
        (
            (
                "household",
                "Hộ ông Đinh Văn Hyeo",
                "giay_khen_xa",
                "Thoát nghèo năm 2025 nhờ mô hình nuôi bò sinh sản của dự án hỗ trợ phát triển sản xuất; đã trả "
                "hết nợ vay.",
            ),
        ),
    ),
    "intake": Spec(
        _HEAD,
        _VILLAGE,
        "Đề nghị khen thưởng – Chi đoàn Thanh niên làng Đê Kôn",
        (
            (
                "collective",
                "Chi đoàn Thanh niên làng Đê Kôn",
                "giay_khen_xa",
                "Góp 420 ngày công giúp hộ nghèo thu hoạch và sửa nhà; đưa 20 thanh niên đi học nghề.",
            ),
        ),
    ),
    "opinion": Spec(
        _HEAD,
        _VILLAGE,
        "Đề nghị khen thưởng – hộ trồng sầu riêng xen cà phê",
        (
            (
                "household",
                "Hộ bà Rơ Mah Nga",
                "giay_khen_xa",
                "Chuyển 0,8 ha đất mì sang sầu riêng xen cà phê, thu nhập năm 2026 đạt 150 triệu đồng; cho 4 hộ "
                "nghèo cây giống và hướng dẫn kỹ thuật.",
            ),
        ),
    ),
    "council": Spec(
        _HEAD,
        _VILLAGE,
        "Đề nghị khen thưởng – người có uy tín làng Đê Kôn",
        (
            (
                "individual",
                "Ông Đinh Văn Krăk, người có uy tín làng Đê Kôn",
                "giay_khen_xa",
                "Vận động 9 hộ đăng ký thoát nghèo; hòa giải thành 6 vụ tranh chấp đất sản xuất.",
            ),
        ),
    ),
    "supplemented": Spec(
        _HEAD,
        _VILLAGE,
        "Đề nghị khen thưởng – hộ tự nguyện thoát nghèo",
        (
            (
                "household",
                "Hộ ông Siu Đen",
                "giay_khen_xa",
                "Tự nguyện đăng ký thoát nghèo năm 2025; mở tiệm sửa xe máy, thu nhập ổn định, trả đúng hạn vốn "
                "vay Ngân hàng Chính sách xã hội.",
            ),
        ),
        reason="Đề nghị thôn bổ sung giấy xác nhận hộ thoát nghèo năm 2025 và bản sao sổ vay vốn Ngân hàng "
        "Chính sách xã hội của hộ.",
        supplement=Text(
            "xac-nhan-thoat-ngheo.pdf",
            "Giấy xác nhận thoát nghèo và sổ vay vốn NHCSXH",
            "Thôn đã bổ sung giấy xác nhận hộ thoát nghèo năm 2025 và bản sao sổ vay vốn.",
        ),
    ),
    "to_chair": Spec(
        _HEAD,
        _VILLAGE,
        "Đề nghị khen thưởng – Tổ Tiết kiệm và vay vốn làng Đê Kôn",
        (
            (
                "collective",
                "Tổ Tiết kiệm và vay vốn làng Đê Kôn",
                "giay_khen_xa",
                "Quản lý 2,1 tỷ đồng dư nợ của 64 hộ, không có nợ quá hạn; 11 hộ vay vốn thoát nghèo năm 2026.",
            ),
        ),
    ),
    "so_noi_vu": Spec(
        _HEAD,
        _VILLAGE,
        "Đề nghị khen thưởng – Chi hội Phụ nữ làng Đê Kôn",
        (
            (
                "individual",
                "Bà Đinh Thị Blui, Chi hội trưởng Chi hội Phụ nữ làng Đê Kôn",
                "bang_khen_tinh",
                "Năm năm liền vận động phụ nữ vay vốn, lập 3 tổ hợp tác dệt thổ cẩm và trồng rau an toàn; 27 hộ "
                "hội viên thoát nghèo giai đoạn 2021–2026.",
            ),
            (
                "household",
                "Hộ bà Ksor H'Bia",
                "giay_khen_xa",
                "Thoát nghèo nhờ dệt thổ cẩm bán qua hợp tác xã; nhận 2 lao động nghèo vào làm.",
            ),
        ),
    ),
    "province_chair": Spec(
        _HEAD,
        _VILLAGE,
        "Đề nghị khen thưởng – tập thể làng Đê Kôn",
        (
            (
                "collective",
                "Làng Đê Kôn, xã Mang Yang",
                "bang_khen_tinh",
                "Tỷ lệ hộ nghèo giảm từ 32,4% năm 2021 xuống 6,1% năm 2026; làng đạt chuẩn nông thôn mới.",
            ),
        ),
    ),
    "decided": Spec(
        _HEAD,
        _VILLAGE,
        "Đề nghị khen thưởng – doanh nghiệp và khuyến nông viên",
        (
            (
                "enterprise",
                "Công ty TNHH Cà phê Kon Dơng",
                "giay_khen_xa",
                "Thu mua cà phê theo giá sàn cho 80 hộ nghèo và cận nghèo; nhận 25 lao động nghèo vào làm.",
            ),
            (
                "individual",
                "Ông Phạm Văn Toàn, khuyến nông viên làng Đê Kôn",
                "giay_khen_xa",
                "Hướng dẫn tái canh cà phê cho 35 hộ nghèo; xây dựng 2 mô hình trình diễn.",
            ),
        ),
    ),
}
