"""Labels in Korean and English, and money in the units each language's memos use.

Korean memos write money in 만원 (10^4 KRW), 억원 (10^8 KRW) and 조원 (10^12 KRW);
English ones in KRW with M/bn/tn, and US dollars at 1 USD = 1,350 KRW (2024-25).
"""

from __future__ import annotations

from ..core.policies import START_FIELDS, condition_of

LANGS = ("ko", "en")
USD_KRW = 1350.0

T: dict[str, dict[str, str]] = {
    # app chrome
    "app_title": {"en": "Korea AI talent market: policy explorer", "ko": "한국 AI 인재 시장: 정책 탐색기"},
    "language": {"en": "Language", "ko": "언어"},
    "page_explorer": {"en": "Scenario explorer", "ko": "시나리오 탐색"},
    "page_calibration": {"en": "Calibration", "ko": "보정(캘리브레이션)"},
    "page_model": {"en": "Model description", "ko": "모형 설명"},
    "page_about": {"en": "About and how to cite", "ko": "소개 및 인용 방법"},
    "doc_pick": {"en": "Page", "ko": "문서"},
    "doc_english_only": {
        "en": "This page is in English only; the plain-language overview is in Korean and English.",
        "ko": "이 문서는 영어로만 있습니다. 쉬운 우리말 설명은 '모형 한눈에 보기'에 있습니다.",
    },
    "doc_title_overview": {"en": "The model in plain words", "ko": "모형 한눈에 보기"},
    "doc_title_model": {"en": "Model description (ODD)", "ko": "모형 상세 설명 (ODD, 영어)"},
    "doc_title_parameters": {"en": "Parameters", "ko": "모수 (영어)"},
    "doc_title_sources": {"en": "Sources", "ko": "출처 (영어)"},
    "doc_title_calibration": {"en": "Calibration method", "ko": "보정 방법 (영어)"},
    "doc_title_calibration-results": {"en": "Calibration results", "ko": "보정 결과 (영어)"},
    "doc_title_sensitivity": {"en": "Sensitivity analysis", "ko": "민감도 분석 (영어)"},
    "doc_title_design": {"en": "Policy design", "ko": "정책 설계 (영어)"},
    "doc_title_memo-guide": {"en": "Reading and citing the numbers", "ko": "숫자 읽기와 인용 (영어)"},
    "doc_title_scenarios": {"en": "Scenario files", "ko": "시나리오 파일 (영어)"},
    "start_scenario": {"en": "Starting scenario", "ko": "시작 시나리오"},
    "start_scenario_help": {
        "en": "A scenario file from scenarios/; the sliders start from its values.",
        "ko": "scenarios/ 폴더의 시나리오 파일. 슬라이더는 이 값에서 시작합니다.",
    },
    "upload": {"en": "…or upload a scenario YAML", "ko": "…또는 시나리오 YAML 업로드"},
    # the file uploader's own words (Streamlit writes them in English; the Korean page replaces
    # them with these through CSS: app_pages/main.py, uploader_css)
    "upload_button": {"en": "Upload", "ko": "파일 선택"},
    "upload_limit": {"en": "{mb}MB per file • YAML, YML", "ko": "파일당 {mb}MB 이하 • YAML, YML"},
    "upload_help": {
        "en": "A talentsim scenario file; its base may be a shipped scenario (e.g. base: salary-matching-50.yaml).",
        "ko": "talentsim 시나리오 파일. base로 제공된 시나리오를 쓸 수 있습니다 (예: base: salary-matching-50.yaml).",
    },
    "policies": {"en": "Policy levers", "ko": "정책 수단"},
    "assumptions": {"en": "Key uncertain assumptions", "ko": "주요 불확실 가정"},
    "run_settings": {"en": "Runs", "ko": "실행 설정"},
    "replications": {"en": "Replications", "ko": "반복 실행 수"},
    "replications_help": {
        "en": "Independent runs; the 90% bands need about 10.",
        "ko": "독립 실행 횟수. 90% 구간에는 약 10회가 필요합니다.",
    },
    "seed": {"en": "Seed", "ko": "난수 시드"},
    "seed_help": {
        "en": "Root seed; the same seed gives the same numbers.",
        "ko": "기준 시드. 같은 시드는 같은 결과를 냅니다.",
    },
    "year": {"en": "Year shown in the cards", "ko": "카드에 표시할 연도"},
    "running": {"en": "Running {done}/{total} replications…", "ko": "반복 실행 중 {done}/{total}…"},
    "done": {
        "en": "Done: {total} runs (baseline and scenario, {reps} replications each)",
        "ko": "완료: {total}회 실행 (기준선과 시나리오 각 {reps}회 반복)",
    },
    "vs_baseline": {"en": "vs baseline (no new policy)", "ko": "기준 시나리오(신규 정책 없음) 대비"},
    "interval": {"en": "90% interval of the difference: {lo} to {hi}", "ko": "차이의 90% 구간: {lo} ~ {hi}"},
    "interval_na": {
        "en": "needs at least 2 replications for an interval",
        "ko": "구간 추정에는 2회 이상 실행이 필요합니다",
    },
    "not_defined": {"en": "not defined (no gain in core talent)", "ko": "정의 불가 (핵심 인재 증가 없음)"},
    "chart_title": {"en": "{what}: mean and 90% band", "ko": "{what}: 평균과 90% 구간"},
    "chart_diff_title": {
        "en": "{what}: {scenario} minus baseline, mean and 90% band",
        "ko": "{what}: {scenario} − 기준, 평균과 90% 구간",
    },
    "chart_view": {"en": "Charts show", "ko": "차트 보기"},
    "chart_view_levels": {"en": "both runs", "ko": "두 실행의 수준"},
    "chart_view_difference": {"en": "difference from baseline", "ko": "기준 대비 차이"},
    "chart_view_help": {
        "en": "The difference is paired: each replication's scenario minus its own baseline (the same seed and "
        "posterior draw), so the band is the policy's effect, not the two runs' spread.",
        "ko": "차이는 짝지어 계산합니다. 반복마다 시나리오에서 같은 시드·사후 표본의 기준을 뺀 값이므로, 구간은 두 "
        "실행의 퍼짐이 아니라 정책 효과의 구간입니다.",
    },
    "baseline": {"en": "baseline", "ko": "기준"},
    "scenario": {"en": "scenario", "ko": "시나리오"},
    "survey": {"en": "survey (SPRi/MSIT)", "ko": "실태조사 (SPRi/과기정통부)"},
    "year_axis": {"en": "year", "ko": "연도"},
    "table_title": {"en": "Results by year (scenario; mean)", "ko": "연도별 결과 (시나리오 평균)"},
    "downloads": {"en": "Downloads", "ko": "내려받기"},
    "dl_yaml": {"en": "Settings as scenario YAML", "ko": "설정을 시나리오 YAML로"},
    "dl_csv": {"en": "Results CSV", "ko": "결과 CSV"},
    "dl_memo": {"en": "Memo (markdown)", "ko": "메모 (마크다운)"},
    "downloads_wait": {
        "en": "The files are offered when the runs of this setting are finished.",
        "ko": "이 설정의 실행이 끝나면 파일을 내려받을 수 있습니다.",
    },
    "dl_xlsx": {"en": "Workbook (Excel)", "ko": "통합 문서 (엑셀)"},
    "dl_manifest": {"en": "Manifest (JSON)", "ko": "매니페스트 (JSON)"},
    "bad_upload": {
        "en": "The uploaded file is not a valid scenario; the previous results stay.",
        "ko": "업로드한 파일이 올바른 시나리오가 아닙니다. 이전 결과를 유지합니다.",
    },
    "bad_link": {
        "en": "Some values in the link could not be used; the starting scenario's values are shown instead:",
        "ko": "링크의 일부 값을 사용할 수 없어 시작 시나리오의 값을 표시합니다:",
    },
    "bad_settings": {
        "en": "These settings are not possible; the previous results stay.",
        "ko": "이 설정은 불가능합니다. 이전 결과를 유지합니다.",
    },
    "yaml_roundtrip": {
        "en": "`talentsim run` on this file reproduces these numbers (same seed and replications).",
        "ko": "이 파일로 `talentsim run`을 실행하면 같은 결과가 재현됩니다 (같은 시드·반복 수).",
    },
    "calibration_intro": {
        "en": "Documented figures the model was fitted to, and checks it was not fitted to.",
        "ko": "모형을 맞춘 공식 수치와, 맞추지 않은 검증 수치입니다.",
    },
    "fitted": {"en": "Fitted targets", "ko": "보정 목표"},
    "cal_posterior": {
        "en": "Posterior predictive check (what the intervals are made from)",
        "ko": "사후 예측 점검 (구간의 근거)",
    },
    "cal_posterior_note": {
        "en": "Each documented figure beside the model's mean and 90 % interval over posterior draws, with the "
        "figure's measurement error; 'used' says whether the posterior was conditioned on it. Below: the point "
        "calibration (SMM) that sets the parameters' defaults.",
        "ko": "공식 수치마다 사후분포 표본에 대한 모형의 평균과 90 % 구간(수치의 측정 오차 포함)을 나란히 보입니다. "
        "'보정에 사용'은 사후분포를 그 수치에 맞췄는지입니다. 아래는 모수 기본값을 정한 점 추정 보정(SMM)입니다.",
    },
    "cal_point": {"en": "Point calibration (SMM): fitted targets", "ko": "점 추정 보정(SMM): 보정 목표"},
    "cal_col_what": {"en": "Figure", "ko": "지표"},
    "cal_col_when": {"en": "When", "ko": "시점"},
    "cal_col_documented": {"en": "Documented", "ko": "공식 수치"},
    "cal_col_model": {"en": "Model (mean)", "ko": "모형 (평균)"},
    "cal_col_interval": {"en": "Model 90 % interval", "ko": "모형 90 % 구간"},
    "cal_col_inside": {"en": "Inside", "ko": "구간 안"},
    "cal_col_used": {"en": "Used", "ko": "보정에 사용"},
    "cal_col_source": {"en": "Source (verification)", "ko": "출처 (검증 수준)"},
    "cal_col_id": {"en": "Target id", "ko": "목표 ID"},
    "out_of_sample": {"en": "Out of sample", "ko": "표본 외 검증"},
    "about_cite_line": {
        "en": "Each memo.md (and the memo download) ends with a citation line per scenario: version, git commit, "
        "scenario SHA-256, replications and seed.",
        "ko": "메모 파일(앱의 메모 내려받기 포함)마다 시나리오별 인용 문구(버전, git 커밋, 시나리오 SHA-256, 반복 수, "
        "시드)가 있습니다.",
    },
    "cal_point_run": {
        "en": "loss {loss}; {evaluations} evaluations; check with {replications} replications, seed {seed}; {date}",
        "ko": "손실 {loss}; 평가 {evaluations}회; 점검 반복 {replications}회, 시드 {seed}; {date}",
    },
    "cal_none": {
        "en": "No stored calibration (sim/data/calibration.yaml).",
        "ko": "저장된 보정 결과가 없습니다 (sim/data/calibration.yaml).",
    },
    "about_text": {
        "en": "An agent-based model (Mesa) of Korea's AI talent market: one agent per person, one step per "
        "quarter, from the June 2020 survey to 2035. Numbers are means over replications with 90% "
        "intervals; by default each replication draws its own parameters from the posterior, so the intervals "
        "include parameter uncertainty as well as the model's randomness.",
        "ko": "한국 AI 인재 시장의 행위자 기반 모형(Mesa)입니다. 한 사람당 하나의 행위자, 분기 단위로 2020년 6월 "
        "실태조사부터 2035년까지 모의합니다. 수치는 반복 실행의 평균이며, 기본값에서는 반복마다 사후분포에서 "
        "모수를 뽑으므로 90% 구간이 모형의 확률적 변동과 모수 불확실성을 함께 반영합니다.",
    },
    "cite": {"en": "How to cite", "ko": "인용 방법"},
    "uncertainty": {"en": "Intervals include", "ko": "구간에 포함할 불확실성"},
    "uncertainty_help": {
        "en": "Parameters and randomness: each replication also draws the uncertain parameters from the posterior "
        "(what to quote). Randomness only: every replication uses the calibrated point; for comparison.",
        "ko": "모수와 무작위성: 반복마다 불확실한 모수를 사후분포에서 뽑습니다(인용할 수치). 무작위성만: 모든 반복이 "
        "보정값을 씁니다(비교용).",
    },
    "uncertainty_choice_posterior": {"en": "parameters and randomness", "ko": "모수와 무작위성"},
    "uncertainty_choice_monte-carlo": {"en": "randomness only", "ko": "무작위성만"},
    "uncertainty_posterior": {
        "en": "90% intervals include parameter uncertainty (one posterior draw per replication, "
        "sim/data/posterior.json) and the model's randomness.",
        "ko": "90% 구간은 모수 불확실성(반복마다 사후분포에서 뽑은 모수 하나)과 모형의 확률적 변동을 모두 포함합니다.",
    },
    "uncertainty_monte-carlo": {
        "en": "90% intervals are the model's randomness at fixed parameters (the calibrated point); they do not "
        "include parameter uncertainty.",
        "ko": "90% 구간은 고정된 모수(보정값)에서 모형의 확률적 변동만 반영하며 모수 불확실성은 포함하지 않습니다.",
    },
    # metric cards
    # short enough for a card on a 1366 px laptop (label and value); the caption says per year
    "cost_per_core": {"en": "Cost per extra researcher", "ko": "추가 인재 1인당 비용"},
    "interval_per_year": {
        "en": "per year; 90% interval: {lo} to {hi}",
        "ko": "연간 비용, 90% 구간: {lo} ~ {hi}",
    },
    "interval_per_year_open": {
        "en": "per year; 90% interval: from {lo}, no upper bound (in some replications the policy adds "
        "no core researcher)",
        "ko": "연간 비용, 90% 구간: {lo} 이상, 상한 없음 (일부 반복 실행에서 핵심 인재가 늘지 않음)",
    },
    "no_upper_bound": {"en": "no upper bound", "ko": "상한 없음"},
    "mostly_no_gain": {
        "en": "no interval: most replications add no core researcher",
        "ko": "구간 없음: 대부분의 반복 실행에서 핵심 인재가 늘지 않음",
    },
    "per_year_mostly_no_gain": {
        "en": "per year; no interval: most replications add no core researcher",
        "ko": "연간 비용, 구간 없음: 대부분의 반복 실행에서 핵심 인재가 늘지 않음",
    },
    "per_year_only": {
        "en": "per year (an interval needs 2 replications)",
        "ko": "연간 비용 (구간은 2회 이상 실행 필요)",
    },
    "cost_per_core_help": {
        "en": "Fiscal cost per year per additional core AI researcher in Korea (vs baseline): the mean "
        "cost difference over the mean gain.",
        "ko": "국내 핵심 AI 인재 1명을 추가로 늘리는 데 드는 연간 재정 비용 (기준 대비): "
        "평균 비용 차이 / 평균 증가 인원.",
    },
    "cards_when": {
        "en": "{year} Q4 (flows and costs: the year {year}), compared with the baseline",
        "ko": "{year}년 4분기 (흐름·비용: {year}년 한 해), 기준 대비",
    },
    # the memo (sim.study.memo: CLI results folders and the app's download)
    "memo_title": {"en": "talentsim results: {names}", "ko": "talentsim 결과: {names}"},
    "memo_title_compare": {
        "en": "talentsim results: {names} (each compared with the first)",
        "ko": "talentsim 결과: {names} (첫 시나리오와 비교)",
    },
    "adjusted": {"en": "adjusted", "ko": "조정"},
    "cost_effect_title": {
        "en": "Cost and effect in {year} (mean, 90% intervals)",
        "ko": "{year}년 비용과 효과 (평균, 90% 구간)",
    },
    "page_compare": {"en": "Compare policies", "ko": "정책 비교"},
    "compare_intro": {
        "en": "Several policies side by side, each paired with the same baseline (same seeds), as "
        "`talentsim compare` runs them.",
        "ko": "여러 정책을 같은 기준(같은 시드)과 짝지어 나란히 비교합니다. `talentsim compare`와 같은 계산입니다.",
    },
    "compare_pick": {"en": "Policies (scenario files)", "ko": "정책 (시나리오 파일)"},
    "compare_year": {"en": "Year compared", "ko": "비교 연도"},
    "compare_need": {"en": "Pick at least one policy.", "ko": "정책을 하나 이상 고르십시오."},
    "compare_running": {"en": "Running {done}/{total} runs…", "ko": "실행 중 {done}/{total}…"},
    "reproduce": {
        "en": "The same numbers from the command line:",
        "ko": "명령줄에서 같은 결과를 내는 명령:",
    },
    "baseline_as_scenario": {"en": "Baseline, run as a scenario", "ko": "기준 (시나리오로 실행)"},
    "memo_cum_tail": {"en": " and {cum_end} to the end of {end}", "ko": ", {end}년 말까지 {cum_end}"},
    "memo_reproduce": {
        "en": "The same numbers, to the last digit, from the command line:",
        "ko": "명령줄에서 같은 결과(마지막 자리까지)를 내는 명령:",
    },
    "why_title": {"en": "Why this number", "ko": "이 숫자가 나오는 이유"},
    "why_sources": {
        "en": "Where the additional core AI researchers come from, {first}–{last} in total "
        "(people; mean [90% interval]):",
        "ko": "추가 핵심 AI 인재는 어디서 오는가: {first}~{last}년 합계 (명; 평균 [90% 구간]):",
    },
    "why_sources_total": {
        "en": "in all: the difference in core AI researchers in Korea at the end of {last}",
        "ko": "합계: {last}년 말 국내 핵심 AI 인재의 차이",
    },
    "flow_core_out_emigration": {"en": "fewer leaving Korea for jobs abroad", "ko": "해외 취업으로 떠나는 인재 감소"},
    "flow_core_in_returns": {"en": "more Korean-born coming back", "ko": "귀국하는 한국 출신 인재 증가"},
    "flow_core_in_immigration": {"en": "more foreign-born coming", "ko": "유입되는 외국 출신 인재 증가"},
    "flow_core_in_graduate_returns": {
        "en": "more graduates abroad coming back",
        "ko": "귀국하는 해외 졸업자 증가",
    },
    "flow_core_in_graduates_kr": {"en": "more from Korean graduate programmes", "ko": "국내 대학원 졸업자 증가"},
    "flow_core_in_cohort": {"en": "more from new bachelor's graduates", "ko": "신규 학사 졸업자 증가"},
    "flow_core_in_upgrades": {
        "en": "more people in Korea growing into the core tier",
        "ko": "국내에서 핵심 수준으로 성장한 인력 증가",
    },
    "flow_core_out_exits": {"en": "fewer retiring or leaving the field", "ko": "은퇴·분야 이탈 감소"},
    "memo_measure": {"en": "{year}, compared with the baseline", "ko": "{year}년, 기준 대비"},
    "memo_headline": {"en": "Headline ({year})", "ko": "핵심 결과 ({year}년)"},
    "memo_head": {
        "en": "**{name}**: {effect} core AI researchers in Korea in {year} compared with the baseline, for a "
        "gross fiscal cost of {cost} a year ({net} net of the income tax recouped), i.e. {per} a year per "
        "additional researcher; cumulative cost {cum} to the end of {year}{tail}.",
        "ko": "**{name}**: {year}년 국내 핵심 AI 인재가 기준 대비 {effect}명, 재정 비용은 연 {cost} (소득세 환수 후 "
        "{net}), 추가 인재 1인당 연 {per}. 누적 비용은 {year}년 말까지 {cum}{tail}.",
    },
    "memo_head_nogain": {
        "en": "**{name}**: {effect} core AI researchers in Korea in {year} compared with the baseline (no gain on "
        "average), for a gross fiscal cost of {cost} a year ({net} net); cumulative cost {cum} to the end of "
        "{year}{tail}.",
        "ko": "**{name}**: {year}년 국내 핵심 AI 인재가 기준 대비 {effect}명 (평균적으로 증가 없음), 재정 비용은 연 "
        "{cost} (순 {net}). 누적 비용은 {year}년 말까지 {cum}{tail}.",
    },
    "memo_head_free": {
        "en": "**{name}**: {effect} core AI researchers in Korea in {year} compared with the baseline, at no "
        "fiscal cost to the state.",
        "ko": "**{name}**: {year}년 국내 핵심 AI 인재가 기준 대비 {effect}명, 정부 재정 비용 없음.",
    },
    "memo_reading": {"en": "In plain words.", "ko": "쉽게 말하면."},
    "memo_read": {
        "en": "Under the model's assumptions, {name} changes the number of core AI researchers in Korea in "
        "{year} by about {mean} compared with {against}; in 90% of the {reps} simulated futures the "
        "difference lies between {lo} and {hi}.",
        "ko": "모형의 가정 아래 '{name}' 정책이 있으면 {year}년 국내 핵심 AI 인재는 {against} 비교해 "
        "약 {mean}명 차이가 납니다. 모의한 미래 {reps}개 중 90%에서 그 차이는 {lo}명에서 {hi}명 사이입니다.",
    },
    "memo_read_zero": {
        "en": "The interval includes zero: with {reps} simulated futures the model cannot tell this difference "
        "from none, so it is not an effect to cite as a gain or a loss.",
        "ko": "이 구간에는 0이 포함되므로, 모의한 미래 {reps}개로는 이 차이를 '차이 없음'과 구별할 수 없습니다. "
        "증가나 감소로 인용할 효과가 아닙니다.",
    },
    "memo_read_few": {
        "en": "With {reps} simulated futures the interval is rough (the 5th and 95th percentiles of so few "
        "values are close to their smallest and largest and move from one seed to another): run {enough} "
        "or more before quoting it.",
        "ko": "모의한 미래가 {reps}개뿐이라 이 구간은 대략적입니다(이렇게 적은 값의 5·95 백분위는 최솟값·최댓값에 "
        "가깝고 시드마다 달라집니다). 인용하기 전에 {enough}회 이상 실행하십시오.",
    },
    "memo_not_started": {
        "en": "Its policies start in {start}, after {year}: until then the scenario is the baseline (choose a later "
        "year for their effect).",
        "ko": "이 시나리오의 정책은 {start}에 시작하므로 {year}년까지는 기준과 같습니다(효과를 보려면 더 늦은 연도를 "
        "고르십시오).",
    },
    "memo_against_none": {"en": "the same future without it", "ko": "정책이 없는 같은 미래와"},
    "memo_against_ref": {"en": "the same future under '{ref}'", "ko": "'{ref}' 시나리오의 같은 미래와"},
    "memo_reference_note": {
        "en": "**The first scenario is not a baseline without policies.** '{ref}' has its own policies "
        '({policies}), so every difference in this memo ("compared with the baseline", "more than in the '
        "baseline\", the costs) is against it: each scenario's extra effect and extra cost over '{ref}'. "
        "For a policy's whole effect, compare it with scenarios/baseline.yaml.",
        "ko": "**첫 시나리오는 정책이 없는 기준 시나리오가 아닙니다.** '{ref}'에는 자체 정책({policies})이 있으므로 "
        "이 메모의 모든 차이(\"기준 대비\", 비용 포함)는 그 시나리오에 대한 것입니다: 각 시나리오가 '{ref}'보다 "
        "추가로 내는 효과와 추가 비용입니다. 정책의 전체 효과는 scenarios/baseline.yaml과 비교하십시오.",
    },
    "memo_joint_ref": {
        "en": "These are what the scenario itself pays; its differences are against '{ref}', which has "
        "policies of its own (see the note at the top), so no deadweight or cost per additional person of "
        "one policy can be read from them.",
        "ko": "위 금액은 이 시나리오가 직접 지급하는 것입니다. 차이는 자체 정책이 있는 '{ref}'에 대한 것이므로(맨 위 "
        "참고) 정책 하나의 사중손실이나 추가 1인당 비용으로 읽을 수 없습니다.",
    },
    "memo_read_sm_lead": {
        "en": "The state pays {share} of an eligible person's gross salary{cap}",
        "ko": "정부가 지원 대상자 총연봉의 {share}{cap}를 부담합니다",
    },
    "memo_read_sm_lead_budget": {
        "en": "The state would pay {share} of an eligible person's gross salary{cap}, but the budget binds: in {year} "
        "it pays {paid} of that entitlement (every payment cut pro rata)",
        "ko": "정부가 지원 대상자 총연봉의 {share}{cap}를 부담하도록 되어 있지만 예산 한도에 걸려 {year}년에는 그 지원 "
        "자격액의 {paid}만 지급합니다 (모든 지원액 비례 삭감)",
    },
    "memo_read_sm_cap": {"en": " (at most {cap} a year per person)", "ko": "(1인당 연 {cap} 한도)"},
    "memo_read_sm": {
        "en": "{lead}; with {pi} of the subsidy reaching "
        "the worker, the person's gross pay rises by {rise} and the employer's own pay falls by {firm} of "
        "the pay before the programme.",
        "ko": "{lead}. 지원금의 {pi}가 근로자에게 가므로 본인의 총연봉은 "
        "{rise} 오르고, 기업이 직접 주는 연봉은 제도 이전 연봉의 {firm}만큼 줄어듭니다.",
    },
    "memo_read_sm_pursuit_off": {
        "en": "This assumes, as the model does by default, that foreign employers replace a refusal from Korea "
        "with a hire from elsewhere; if they kept a head-count of hires from Korea, much of the gain from "
        "fewer people leaving would be undone within a year (`docs/model.md` 7.3; "
        "`scenarios/sweep-foreign-pursuit.yaml` shows by how much).",
        "ko": "이는 모형의 기본 가정대로 해외 기업이 한국 인재의 거절을 다른 나라 인재 채용으로 메운다고 본 것입니다. "
        "해외 기업이 한국에서의 채용 인원을 유지한다면 유출 감소로 얻은 효과의 상당 부분이 1년 안에 사라집니다 "
        "(`docs/model.md` 7.3절; 그 크기는 `scenarios/sweep-foreign-pursuit.yaml`).",
    },
    "memo_read_sm_pursuit_on": {
        "en": "Here foreign employers make up for refusals from Korea with more offers (pursuit {phi}), which "
        "undoes part of the gain from fewer people leaving (`docs/model.md` 7.3).",
        "ko": "여기서는 해외 기업이 한국 인재의 거절을 추가 제안으로 메우므로(정도 {phi}) 유출 감소로 얻은 효과의 "
        "일부가 사라집니다 (`docs/model.md` 7.3절).",
    },
    "memo_read_sm_dw": {
        "en": "Most of the money goes to people who would be in Korea anyway: of the {paid} people paid, {dw} are "
        "not additional.",
        "ko": "지원금 대부분은 어차피 국내에 있었을 사람에게 갑니다: 수혜자 {paid}명 중 {dw}는 추가 효과가 없습니다.",
    },
    "memo_read_joint": {
        "en": "The difference is the joint effect of everything this scenario changes, so it cannot be split "
        "among its policies: what one of them buys alone (its deadweight, its cost per additional person) "
        "needs a comparison of that policy alone with the baseline.",
        "ko": "이 차이는 시나리오가 바꾼 모든 것이 함께 낸 효과이므로 정책별로 나눌 수 없습니다: 정책 하나가 "
        "단독으로 얻는 효과(사중손실, 추가 1인당 비용)는 그 정책만 켠 시나리오를 기준과 비교해야 알 수 있습니다.",
    },
    "memo_describe": {"en": "New policies: {what}.", "ko": "신규 정책: {what}."},
    "memo_describe_params": {
        "en": "{n} model parameter(s) set differently from the defaults (listed below).",
        "ko": "기본값과 다르게 설정한 모형 매개변수 {n}개 (아래 목록).",
    },
    "memo_adjusted": {
        "en": "Adjusted in the explorer app from the scenario '{start}'.",
        "ko": "탐색기 앱에서 '{start}' 시나리오를 조정한 설정입니다.",
    },
    "memo_read_one": {
        "en": "Under the model's assumptions, {name} changes the number of core AI researchers in Korea in "
        "{year} by about {mean} compared with {against}, in a single simulated future: one replication "
        "gives no interval (about 10 are needed for a 90% interval).",
        "ko": "모형의 가정 아래 '{name}' 정책이 있으면 {year}년 국내 핵심 AI 인재는 {against} 비교해 "
        "약 {mean}명 차이가 납니다. 모의한 미래가 하나뿐이라 구간은 없습니다(90% 구간에는 약 10회가 필요합니다).",
    },
    "memo_cite": {
        "en": "Source: talentsim {version} (git {commit}), scenario '{name}' (sha256 {sha}), {reps} {runs}, "
        "seed {seed}, mean [90% interval]; {date}.",
        "ko": "출처: talentsim {version} (git {commit}), 시나리오 '{name}' (sha256 {sha}), 반복 실행 {reps}회, "
        "시드 {seed}, 평균 [90% 구간]; {date}.",
    },
    "memo_output": {"en": "output", "ko": "지표"},
    "memo_unit": {"en": "unit", "ko": "단위"},
    "memo_sweep": {
        "en": "Sweep: {n} points. The table above is point 0 ({first}); below, every point in {year}; "
        "every year in summary.csv (one column per swept setting).",
        "ko": "파라미터 격자: {n}개 지점. 위 표는 0번 지점({first})이며, 아래는 {year}년의 모든 지점입니다. "
        "모든 연도는 summary.csv에 있습니다(격자 설정마다 열 하나).",
    },
    "memo_sweep_more": {
        "en": "The table shows the first {shown} of the {n} points; every point is in summary.csv.",
        "ko": "표는 {n}개 지점 중 처음 {shown}개입니다. 모든 지점은 summary.csv에 있습니다.",
    },
    "memo_sweep_effect_head": {
        "en": "Core talent in KR vs no policy, same settings (persons)",
        "ko": "정책 없는 같은 설정 대비 국내 핵심 AI 인재 (명)",
    },
    "memo_sweep_vs": {"en": "(vs point {ref})", "ko": "({ref}번 지점 대비)"},
    "memo_sweep_effect_note": {
        "en": "The last column is the policies' effect at each point in {year}: the difference from the point "
        "that runs them off on the same other settings (the same demand path, say), paired replication by "
        "replication (the points share seeds and parameter draws); every output and year is in "
        "sweep_effects.csv. The other columns are levels: their intervals are wider because they also carry the "
        "uncertainty every point shares, which the paired difference removes.",
        "ko": "마지막 열은 {year}년 각 지점에서 정책의 효과입니다: 다른 설정(예: 수요 경로)이 같고 정책을 끈 지점과의 "
        "차이를 반복 실행마다 짝지어 구했습니다(지점들은 시드와 모수 추출을 공유합니다). 모든 지표와 연도는 "
        "sweep_effects.csv에 있습니다. 다른 열은 수준값이며, 모든 지점이 공유하는 불확실성까지 담아 구간이 더 "
        "넓습니다(짝지은 차이에서는 그 부분이 상쇄됩니다).",
    },
    "memo_swept": {"en": "sweep", "ko": "격자"},
    "memo_point_of": {"en": "point 0: {settings}", "ko": "0번 지점: {settings}"},
    "memo_read_assumptions": {
        "en": "It also differs from the baseline outside the policies ({what}): the difference is the "
        "effect of those settings and of the policies together, not the policies' alone.",
        "ko": "이 시나리오는 정책 밖의 설정도 기준과 다릅니다({what}). 따라서 차이는 정책만의 효과가 아니라 "
        "그 설정과 정책을 합친 효과입니다.",
    },
    "memo_point": {"en": "Point", "ko": "지점"},
    "memo_diff": {
        "en": "Difference from {base} (paired replications):",
        "ko": "{base} 대비 차이 (같은 시드로 짝지은 반복 실행):",
    },
    "memo_sm": {
        "en": "Salary matching in {year}: {paid} people paid and {extra} core researchers in Korea more than in "
        "the baseline, so {dw} of the recipients are not additional (deadweight); {gross} a year per "
        "additional researcher ({net} net of the income tax recouped); firms keep {cap} a year of the "
        "subsidy as lower own pay.",
        "ko": "{year}년 연봉 매칭: 수혜자 {paid}명, 국내 핵심 인재는 기준 대비 {extra}명 증가 — 수혜자 중 {dw}는 "
        "추가 효과가 없음(사중손실). 추가 인재 1인당 연 {gross} (소득세 환수 후 {net}). 기업이 자체 연봉 "
        "인하로 가져가는 몫은 연 {cap}.",
    },
    "lever_only_if": {
        "en": "Acts only when '{other}' is '{value}'.",
        "ko": "'{other}'이(가) '{value}'일 때만 적용됩니다.",
    },
    "memo_sm_joint": {
        "en": "Salary matching in {year}: {paid} people paid, {cost} a year; firms keep {cap} a year of the subsidy "
        "as lower own pay.",
        "ko": "{year}년 연봉 매칭: 수혜자 {paid}명, 연 {cost}. 기업이 자체 연봉 인하로 가져가는 몫은 연 {cap}.",
    },
    "memo_gain_grad_seats_joint": {
        "en": "Graduate seats in {year}: {cost} a year; master's and PhD graduates of Korean universities in the "
        "year {extra} {interval} against the baseline (all the scenario's changes together).",
        "ko": "{year}년 대학원 정원 확대: 연 {cost}. 국내 대학 AI 석·박사 졸업생은 기준 대비 {extra}명 {interval} "
        "(시나리오의 모든 변화가 함께 낸 효과).",
    },
    "memo_gain_settlement_package_joint": {
        "en": "Settlement package in {year}: {cost} paid to {paid} AI staff working outside the capital region "
        "(about {each} a year each); {extra} {interval} of them against the baseline (all the scenario's "
        "changes together).",
        "ko": "{year}년 비수도권 정착 지원: 수도권 밖에서 일하는 AI 인력 {paid}명에게 {cost} 지급 "
        "(1인당 연 약 {each}). 비수도권 AI 인력은 기준 대비 {extra}명 {interval} "
        "(시나리오의 모든 변화가 함께 낸 효과).",
    },
    "memo_gain_recruiting_drive_joint": {
        "en": "Recruiting drives in {year}: {cost} a year; Korean-born workers hired back from abroad in the year "
        "{extra} {interval} against the baseline (all the scenario's changes together).",
        "ko": "{year}년 해외 인재 유치: 연 {cost}. 해외에서 국내 일자리로 돌아온 한국 출신 인력은 기준 대비 "
        "{extra}명 {interval} (시나리오의 모든 변화가 함께 낸 효과).",
    },
    "memo_gain_foreign_tax_relief_joint": {
        "en": "Foreign tax relief in {year}: {cost} of income tax waived for {paid} foreign-born AI staff in Korea "
        "(about {each} a year each); {extra} {interval} of them against the baseline (all the scenario's "
        "changes together).",
        "ko": "{year}년 외국인 소득세 감면: 국내 외국 출신 AI 인력 {paid}명의 소득세 {cost} 감면 (1인당 연 약 {each}). "
        "외국 출신 인력은 기준 대비 {extra}명 {interval} (시나리오의 모든 변화가 함께 낸 효과).",
    },
    "memo_sm_budget": {
        "en": "The budget binds: in {year} it pays {paid} of what the recipients are entitled to (every "
        "payment cut pro rata).",
        "ko": "예산 한도에 걸립니다: {year}년 예산은 수혜자 지원 자격액의 {paid}만 지급합니다 (모든 지원액 비례 삭감).",
    },
    "memo_sm_none": {
        "en": "Salary matching in {year}: {paid} people paid, and on average no more core researchers in Korea "
        "than in the baseline ({extra}).",
        "ko": "{year}년 연봉 매칭: 수혜자 {paid}명, 국내 핵심 인재는 평균적으로 기준보다 늘지 않음 ({extra}명).",
    },
    "memo_gain_grad_seats": {
        "en": "Graduate seats in {year}: {cost} a year; {extra} {interval} more master's and PhD graduates of "
        "Korean universities in the year than in the baseline; {per} per additional graduate.",
        "ko": "{year}년 대학원 정원 확대: 연 {cost}. 국내 대학 AI 석·박사 졸업생은 기준 대비 {extra}명 {interval}. "
        "추가 졸업생 1명당 {per}.",
    },
    "memo_gain_grad_seats_none": {
        "en": "Graduate seats in {year}: {cost} a year, and on average no more master's and PhD graduates of Korean "
        "universities than in the baseline ({extra} {interval}).",
        "ko": "{year}년 대학원 정원 확대: 연 {cost}. 국내 대학 AI 석·박사 졸업생은 평균적으로 기준보다 늘지 않음 "
        "({extra}명 {interval}).",
    },
    "memo_gain_settlement_package": {
        "en": "Settlement package in {year}: {cost} paid to {paid} AI staff working outside the capital region "
        "(about {each} a year each); {extra} {interval} more of them than in the baseline, so {dw} of the "
        "recipients are not additional (deadweight); {per} a year per additional member of staff there.",
        "ko": "{year}년 비수도권 정착 지원: 수도권 밖에서 일하는 AI 인력 {paid}명에게 {cost} 지급 "
        "(1인당 연 약 {each}). 비수도권 AI 인력은 기준 대비 {extra}명 {interval} — 수혜자 중 {dw}는 "
        "추가 효과가 없음(사중손실). 추가 비수도권 인력 1인당 연 {per}.",
    },
    "memo_gain_settlement_package_none": {
        "en": "Settlement package in {year}: {cost} paid to {paid} AI staff working outside the capital region "
        "(about {each} a year each), and on average no more of them than in the baseline ({extra} {interval}).",
        "ko": "{year}년 비수도권 정착 지원: 수도권 밖에서 일하는 AI 인력 {paid}명에게 {cost} 지급 "
        "(1인당 연 약 {each}). 비수도권 AI 인력은 평균적으로 기준보다 늘지 않음 ({extra}명 {interval}).",
    },
    "memo_gain_recruiting_drive": {
        "en": "Recruiting drives in {year}: {cost} a year; {extra} {interval} more Korean-born workers hired back "
        "from abroad in the year than in the baseline (returns); {per} per additional return.",
        "ko": "{year}년 해외 인재 유치: 연 {cost}. 해외에서 국내 일자리로 돌아온 한국 출신 인력은 기준 대비 "
        "{extra}명 {interval}. 추가 귀국 1명당 {per}.",
    },
    "memo_gain_recruiting_drive_none": {
        "en": "Recruiting drives in {year}: {cost} a year, and on average no more Korean-born workers hired back "
        "from abroad than in the baseline ({extra} {interval}).",
        "ko": "{year}년 해외 인재 유치: 연 {cost}. 해외에서 돌아온 한국 출신 인력은 평균적으로 기준보다 늘지 않음 "
        "({extra}명 {interval}).",
    },
    "memo_gain_foreign_tax_relief": {
        "en": "Foreign tax relief in {year}: {cost} of income tax waived for {paid} foreign-born AI staff in Korea "
        "(about {each} a year each); {extra} {interval} more of them than in the baseline, so {dw} of the "
        "recipients are not additional (deadweight); {per} a year per additional foreign-born member of staff.",
        "ko": "{year}년 외국인 소득세 감면: 국내 외국 출신 AI 인력 {paid}명의 소득세 {cost} 감면 (1인당 연 약 {each}). "
        "외국 출신 인력은 기준 대비 {extra}명 {interval} — 수혜자 중 {dw}는 추가 효과가 없음(사중손실). 추가 외국 출신 "
        "인력 1인당 연 {per}.",
    },
    "memo_gain_foreign_tax_relief_none": {
        "en": "Foreign tax relief in {year}: {cost} of income tax waived for {paid} foreign-born AI staff in Korea "
        "(about {each} a year each), and on average no more of them than in the baseline ({extra} {interval}).",
        "ko": "{year}년 외국인 소득세 감면: 국내 외국 출신 AI 인력 {paid}명의 소득세 {cost} 감면 (1인당 연 약 {each}). "
        "외국 출신 인력은 평균적으로 기준보다 늘지 않음 ({extra}명 {interval}).",
    },
    "scenario_sets": {
        "en": "What '{name}' sets (the baseline: the same without any new policy)",
        "ko": "'{name}'의 설정 (기준선: 신규 정책 없이 같은 가정)",
    },
    "memo_policies": {"en": "Policies:", "ko": "정책:"},
    "memo_no_policy": {"en": "Policies: none (no new policy).", "ko": "정책: 없음 (신규 정책 없음)."},
    "memo_params": {
        "en": "Parameters set differently from the defaults (docs/parameters.md):",
        "ko": "기본값과 다르게 설정한 매개변수 (docs/parameters.md):",
    },
    "yes": {"en": "yes", "ko": "예"},
    "no": {"en": "no", "ko": "아니오"},
    "quarter": {"en": "{y} Q{q}", "ko": "{y}년 {q}분기"},
    "memo_foot": {  # {intervals}: what this memo's intervals carry (uncertainty.describe of its mode)
        "en": "Values are at Q4 of each year; flows are sums over the year. Money: M KRW for pay, bn KRW per "
        "year for fiscal cost. {intervals} See docs/model.md for what the model cannot say.",
        "ko": "각 연도 4분기 값이며, 이동 등 흐름은 연간 합계입니다. 금액은 억원·조원 단위입니다. {intervals} "
        "모형의 한계는 docs/model.md를 참고하십시오.",
    },
    "workbook_foot": {
        "en": "Values are at Q4 of each year; flows are sums over the year. Money in the unit each column's "
        "header states (M KRW for pay, bn KRW for fiscal amounts); shares are stored as fractions and shown as "
        "percentages. {intervals} See docs/model.md for what the model cannot say.",
        "ko": "각 연도 4분기 값이며, 이동 등 흐름은 연간 합계입니다. 금액은 각 열 제목의 단위입니다(연봉은 만원, "
        "재정 금액은 억원). 비율은 소수로 저장되고 백분율로 표시됩니다. {intervals} "
        "모형의 한계는 docs/model.md를 참고하십시오.",
    },
    "workbook_sweep_note": {
        "en": "Sweep effects: each point with a policy on minus the point that runs the policies off on the same "
        "other settings, paired replication by replication.",
        "ko": "격자 지점별 효과: 정책을 켠 각 지점에서, 다른 설정이 같고 정책을 끈 지점을 뺀 값입니다"
        "(반복 실행마다 짝지음).",
    },
    "rerun_here": {"en": "# in this folder", "ko": "# 이 폴더에서"},
    # policy design (talentsim design; sim.study.design)
    "page_design": {"en": "Policy design", "ko": "정책 설계"},
    "design_intro": {
        "en": "The cheapest mix of policy levers that meets a goal with a given probability within a budget: "
        "candidates are searched (Optuna) and each is simulated on the same draws, paired with the baseline; "
        "the cheapest that meet the goal are checked again on fresh draws (the same calls as talentsim design).",
        "ko": "예산 안에서 주어진 확률로 목표를 달성하는 가장 싼 정책 조합: 후보를 탐색(Optuna)하고 각 후보를 같은 "
        "표본에서 기준과 짝지어 모의실험하며, 목표를 달성한 가장 싼 후보는 새 표본으로 다시 확인합니다 "
        "(talentsim design과 같은 계산).",
    },
    "design_pick": {"en": "Design problem", "ko": "설계 문제"},
    "design_threshold": {
        "en": "Goal: effect on {output} in {year} at least",
        "ko": "목표: {year}년 {output} 효과 최소",
    },
    "design_threshold_at_most": {
        "en": "Goal: effect on {output} in {year} at most",
        "ko": "목표: {year}년 {output} 효과 최대",
    },
    "design_probability": {"en": "Probability of meeting it", "ko": "목표 달성 확률"},
    "design_budget_widget": {
        "en": "Budget, bn KRW a year on average (0 = none)",
        "ko": "예산, 연평균 십억원 (0 = 한도 없음)",
    },
    "design_levers_widget": {"en": "Levers the search may use", "ko": "탐색에 쓸 정책 수단"},
    "design_evals": {"en": "Candidates to evaluate", "ko": "평가할 후보 수"},
    "design_draws": {"en": "Draws per candidate", "ko": "후보당 표본 수"},
    "design_need_levers": {"en": "Choose at least one lever.", "ko": "정책 수단을 하나 이상 고르세요."},
    "design_run": {"en": "Run the search", "ko": "탐색 실행"},
    "design_stop": {"en": "Stop", "ko": "중지"},
    "design_stop_help": {
        "en": "Stops a running search (its results are not kept).",
        "ko": "실행 중인 탐색을 멈춥니다(결과는 남지 않습니다).",
    },
    "design_running": {"en": "Searching: {done} of {total} candidates", "ko": "탐색 중: 후보 {total}개 중 {done}개"},
    "design_press_run": {
        "en": "Press 'Run the search' (about a second per candidate and draw on two workers).",
        "ko": "'탐색 실행'을 누르세요 (작업자 2개에서 후보·표본 하나당 약 1초).",
    },
    "design_details": {"en": "Alternatives, caveats and how to reproduce", "ko": "대안, 유의점, 재현 방법"},
    "design_open": {
        "en": "Open the recommended mix in the scenario explorer",
        "ko": "추천 조합을 시나리오 탐색에서 열기",
    },
    "design_kind_rec": {"en": "recommended", "ko": "추천"},
    "design_kind_front": {"en": "Pareto front", "ko": "파레토 전선"},
    "design_all": {"en": "every candidate", "ko": "모든 후보"},
    "design_effect_axis": {"en": "mean effect on {output}, {year}", "ko": "{output} 평균 효과, {year}년"},
    "design_cost_axis": {"en": "mean state cost, bn KRW a year ({basis})", "ko": "연평균 정부 비용, 십억원 ({basis})"},
    "design_p_axis": {"en": "probability of meeting the goal", "ko": "목표 달성 확률"},
    "design_gross": {"en": "gross", "ko": "총비용"},
    "design_net": {"en": "net of income tax recouped", "ko": "환수 소득세 차감 순비용"},
    "design_goal_at_least": {
        "en": "What is the cheapest mix of levers that raises {output} by at least {thr} in {year} (Q4), "
        "with a probability of at least {p}?",
        "ko": "{year}년 4분기 {output}{obj} {thr} 이상 늘리는 가장 싼 정책 조합은 무엇인가 (달성 확률 {p} 이상)?",
    },
    "design_goal_at_most": {
        "en": "What is the cheapest mix of levers that changes {output} by at most {thr} in {year} (Q4), "
        "with a probability of at least {p}?",
        "ko": "{year}년 4분기 {output}의 변화를 {thr} 이하로 만드는 가장 싼 정책 조합은 무엇인가 (달성 확률 {p} 이상)?",
    },
    "design_budget": {
        "en": "Budget: at most {money} a year on average ({basis}).",
        "ko": "예산: 연평균 {money} 이하 ({basis}).",
    },
    "design_no_budget": {"en": "No budget limit.", "ko": "예산 한도 없음."},
    "design_question": {"en": "Question.", "ko": "질문."},
    "design_answer": {
        "en": "**Answer.** {mix}: {effect} [{lo}, {hi}] (mean [5-95 % of {n} fresh draws]), the goal met in "
        "{p} of them, at {cost} a year on average.",
        "ko": "**답.** {mix}: {effect} [{lo}, {hi}] (새 표본 {n}개의 평균 [5-95 %]), 목표 달성 {p}, "
        "연평균 비용 {cost}.",
    },
    "design_unreachable": {
        "en": "**No mix of the levers met the goal** within the budget among the {n} candidates searched.",
        "ko": "**탐색한 후보 {n}개 중 예산 안에서 목표를 달성한 정책 조합이 없습니다.**",
    },
    "design_not_held": {
        "en": "**No mix of the levers held the goal** within the budget: of the {n} candidates searched, "
        "the {k} cheapest that met it on the search's draws were run again on {draws} fresh draws, and none "
        "met it there (the search's estimates were optimistic).",
        "ko": "**목표를 유지한 정책 조합이 없습니다**: 탐색한 후보 {n}개 중 탐색 표본에서 예산 안에 목표를 달성한 "
        "가장 싼 {k}개를 새 표본 {draws}개로 다시 실행했으나 어느 것도 목표를 달성하지 못했습니다 "
        "(탐색의 추정이 낙관적이었습니다).",
    },
    "design_closest_fresh": {
        "en": "The closest on the fresh draws: {mix}: the goal met in {p} of them, mean effect {effect}, at {cost} "
        "a year.",
        "ko": "새 표본에서 가장 가까운 조합: {mix}: 목표 달성 {p}, 평균 효과 {effect}, 연평균 비용 {cost}.",
    },
    "design_closest": {
        "en": "The closest: {mix}: the goal met in {p} of the draws, mean effect {effect}, at {cost} a year.",
        "ko": "가장 가까운 조합: {mix}: 목표 달성 {p}, 평균 효과 {effect}, 연평균 비용 {cost}.",
    },
    "design_over_budget": {
        "en": "The goal was met only above the budget: the cheapest mix that met it ({mix}) costs {cost} a "
        "year ({over} above the budget; goal met in {p} of the search's draws, mean effect {effect}).",
        "ko": "목표는 예산을 넘는 조합에서만 달성되었습니다: 목표를 달성한 가장 싼 조합({mix})의 연평균 비용은 "
        "{cost}입니다 (예산보다 {over} 많음; 탐색 표본 기준 목표 달성 {p}, 평균 효과 {effect}).",
    },
    "design_front": {"en": "Alternatives (the Pareto front)", "ko": "대안 (파레토 전선)"},
    "design_front_note": {
        "en": "No alternative below is both cheaper and at least as likely to meet the goal with at least "
        "the same mean effect as another (search draws; the answer above is re-checked on fresh draws).",
        "ko": "아래 대안 중 어느 것도 다른 대안보다 싸면서 목표 달성 확률과 평균 효과가 같거나 높지 않습니다 "
        "(탐색 표본 기준; 위의 답은 새 표본으로 다시 확인).",
    },
    "design_col_mix": {"en": "mix", "ko": "정책 조합"},
    "design_col_p": {"en": "P(goal)", "ko": "달성 확률"},
    "design_col_effect": {"en": "mean effect [5-95 %]", "ko": "평균 효과 [5-95 %]"},
    "design_col_cost": {"en": "cost a year", "ko": "연간 비용"},
    "design_caveats": {"en": "What these numbers do not include", "ko": "이 숫자에 포함되지 않은 것"},
    "design_caveat_draws_monte-carlo": {
        "en": "The {n} draws are runs of the model at its calibrated parameters with different seeds: the "
        "probabilities carry the model's randomness, not the uncertainty of its parameters (use the default "
        "`uncertainty: posterior` for that), and no scenario discovery is possible: the draws differ only in "
        "their seed.",
        "ko": "표본 {n}개는 보정된 모수에서 시드만 바꾼 모형 실행입니다. 확률은 모형의 무작위성만 반영하고 "
        "모수의 불확실성은 반영하지 않습니다(기본값인 사후분포 표본을 쓰면 반영됩니다). 표본이 시드만 다르므로 "
        "어떤 가정에서 조합이 실패하는지(시나리오 발견)도 알 수 없습니다.",
    },
    "design_caveat_draws_posterior": {
        "en": "Each of the {n} draws is a draw of the uncertain parameters from the posterior with its own seed: "
        "the probabilities carry what the documented figures leave unknown about the parameters as well as the "
        "model's randomness, not the model's structure.",
        "ko": "표본 {n}개는 각각 사후분포에서 뽑은 모수와 고유한 시드로 실행한 것입니다. 확률은 모형의 무작위성과 "
        "공식 수치가 정하지 못한 모수의 불확실성을 함께 반영하지만, 모형 구조의 불확실성은 반영하지 않습니다.",
    },
    "design_caveat_discovery": {
        "en": "The scenario discovery above is in-sample on a few dozen draws: its thresholds are rough locations.",
        "ko": "위의 시나리오 발견은 수십 개 표본에 맞춘 결과이므로 경계값은 대략적인 위치입니다.",
    },
    "design_discovery": {"en": "Where the recommended mix fails", "ko": "추천 조합이 목표에 못 미치는 조건"},
    "design_discovery_met": {
        "en": "On {n} further posterior draws (seed {seed}, used neither by the search nor by the check above) "
        "the recommended mix met the goal in {met} ({p}).",
        "ko": "탐색과 위의 재확인에 쓰지 않은 사후분포 표본 {n}개(시드 {seed})에서 추천 조합은 {met}개({p})에서 "
        "목표를 달성했습니다.",
    },
    "design_discovery_none": {
        "en": "It met the goal on every one of them: there is no failure to locate.",
        "ko": "모든 표본에서 목표를 달성해, 실패 조건을 찾을 수 없습니다.",
    },
    "design_discovery_all": {
        "en": "It failed on every one of them: the goal is not met under these draws.",
        "ko": "모든 표본에서 목표에 못 미쳤습니다.",
    },
    "design_discovery_nosplit": {
        "en": "No parameter separates the failures from the successes (no split leaves at least {m} draws on "
        "each side): they look like chance within a draw.",
        "ko": "어떤 모수도 실패와 성공을 가르지 못합니다(양쪽에 표본 {m}개 이상을 남기는 분할이 없음). 실패는 "
        "표본 안의 우연으로 보입니다.",
    },
    "design_discovery_box": {
        "en": "A classification tree on the draws' parameters (depth 2) finds the failures concentrated where "
        "{boxes}: {f} of the {k} failures ({coverage}). Elsewhere {of} of {od} draws fail.",
        "ko": "표본의 모수로 만든 분류 나무(깊이 2)에 따르면 실패는 {boxes}에 몰립니다. 전체 실패 {k}개 중 "
        "{f}개({coverage})입니다. 나머지 표본에서는 {od}개 중 {of}개가 실패했습니다.",
    },
    "design_discovery_each": {"en": "{box} ({f} of {d} draws fail)", "ko": "{box}일 때(표본 {d}개 중 {f}개 실패)"},
    "design_discovery_or": {"en": ", or ", "ko": ", 또는 "},
    "design_discovery_fit": {
        "en": "The boxes get {acc} of the outcomes right, against {base} by always guessing the commoner one "
        "(in-sample); the rest is chance within a draw, which is a parameter vector and a seed.",
        "ko": "이 조건들은 결과의 {acc}를 맞히며, 늘 더 흔한 결과로 찍으면 {base}입니다(표본 내). 나머지는 "
        "표본(모수와 시드의 조합) 안의 우연입니다.",
    },
    "design_discovery_cols": {
        "en": "Box|Draws|Failures|Failure rate|Share of failures",
        "ko": "조건|표본|실패|실패율|전체 실패 중 비중",
    },
    "design_discovery_params": {"en": "Parameters", "ko": "모수"},
    "design_reproduce": {"en": "Reproduce", "ko": "재현 방법"},
    "design_rerun_note": {"en": "the same search, the same numbers", "ko": "같은 탐색, 같은 숫자"},
    "design_stamp": {
        "en": "talentsim {version}; {evals} candidates, {runs} runs, {secs} s.",
        "ko": "talentsim {version}; 후보 {evals}개, 실행 {runs}회, {secs}초.",
    },
}

# units in Korean (memo tables and parameter lines; English uses the units as they are)
UNITS_KO = {
    "persons": "명",
    "persons/yr": "명/년",
    "share": "비율",
    "x": "배",
    "per 10,000 LinkedIn members/yr": "링크드인 회원 1만 명당/년",
    "1/yr": "1/년",
    "1/quarter": "1/분기",
    "M KRW/yr": "백만원/년",
    "bn KRW/yr": "십억원/년",
    "year": "연도",
    "years": "년",
    "quarters": "분기",
    "firms": "개 기업",
    "firms/yr": "개 기업/년",
    "faculty": "명",
    "faculty/school": "명/대학원",
    "students/faculty/yr": "명/교원/년",
    "utility": "효용",
    "probability": "확률",
    "quantile": "분위",
    "x US": "배 (미국 대비)",
    "d log pay / d log hiring": "연봉 로그 변화 / 채용 로그 변화",
}

# the parameters' descriptions (sim.params, `doc`) in Korean, for the Korean memo
PARAM_DOC_KO = {
    "scale": "인구·기업 수 배율 (1 = 실제 1인당 에이전트 1개)",
    "end_year": "마지막 모의 연도 (4분기까지, 2020년 2분기 시작)",
    "init_workforce": "국내 AI 기업 인력, 2020년 6월",
    "init_shortage": "기업이 보고한 AI 인력 부족 인원, 2020년",
    "init_firms": "2020년 조사 대상 AI 공급 기업 수",
    "init_kr_other": "조사 대상 AI 기업 밖의 국내 AI 역량 보유자",
    "init_students_kr": "국내 AI 석·박사 과정 학생",
    "init_kr_abroad": "해외에서 일하는 한국 출신 AI 인력 (학생 제외)",
    "init_students_abroad": "해외 AI 박사과정의 한국 출신 학생",
    "init_abroad_skill": "시작 시점 해외 한국 출신 AI 인력(근로자·학생)의 중위 역량, 국내 AI 인력 중위(1) 대비",
    "init_foreign_pool": "국내 기업이 채용할 수 있는 해외 외국인 AI 인재",
    "init_foreign_staff_share": "AI 기업 인력 중 외국인 비율",
    "init_capital_share": "수도권 소재 국내 AI 기업 비율",
    "share_master": "AI 기업 인력 중 석사 비율",
    "share_phd": "AI 기업 인력 중 박사 비율",
    "skill_sigma": "로그 역량의 표준편차 (로그정규, 중앙값 1)",
    "vacancy_share_core": "부족 인원 중 핵심 등급 비율",
    "vacancy_share_senior": "부족 인원 중 시니어 등급 비율",
    "demand_sales_elasticity": "AI 매출 지수 D_t에 대한 기업 AI 인력 목표의 탄력성 alpha",
    "demand_wage_elasticity": "기업의 1인당 인건비에 대한 인력 목표의 자기임금 탄력성 eta",
    "demand_path": "자료 이후(2024년) AI 매출 경로: 기준, 호황, 침체",
    "demand_growth_baseline": "2024년 이후 AI 매출 증가율, 기준 경로",
    "demand_growth_boom": "같은 값, 호황 경로",
    "demand_growth_downturn": "같은 값, 침체 경로",
    "firm_entry_per_growth": "ln D_t 증가 1단위당 신규 AI 기업 수 (주로 조사 범위 증가)",
    "firm_exit_rate": "AI 매출이 늘지 않을 때 스타트업의 퇴출 위험률",
    "firm_exit_elasticity": "D_t의 연간 로그 증가 1단위당 퇴출 위험률의 감소",
    "layoff_rate": "목표를 넘는 인력 중 분기마다 감원되는 비율",
    "entry_size_median": "신규 기업 AI 인력 목표의 중앙값 (로그정규)",
    "firm_size_sigma": "로그 기업 규모의 표준편차",
    "entry_staffed_share": "신규 기업 목표 인원 중 국내 기존 AI 인력으로 채우는 비율",
    "target_share_core": "신규 기업 인력 목표 중 핵심 등급 비율",
    "target_share_senior": "신규 기업 인력 목표 중 시니어 등급 비율",
    "pay_applied": "국내 시장 연봉, 응용 등급, 중위 역량, 2020년",
    "pay_senior": "국내 시장 연봉, 시니어 등급, 중위 역량, 2020년",
    "pay_core": "국내 시장 연봉, 핵심 등급, 중위 역량, 2020년",
    "pay_skill_elasticity_kr": "국내 연봉의 역량 탄력성",
    "gap_median": "중위 역량에서 미국 제안 연봉 / 국내 연봉",
    "gap_top": "역량 상위 1%에서 미국 제안 연봉 / 국내 연봉",
    "foreign_pay_cn": "미국 대비 중국 제안 연봉",
    "foreign_pay_eu": "미국 대비 유럽 제안 연봉",
    "foreign_pay_other": "미국 대비 기타 국가 제안 연봉",
    "wage_growth_kr": "국내 시장 연봉 증가율",
    "wage_growth_foreign": "해외 연봉 증가율",
    "pay_adjust_speed": "결원율 1단위당 기업 제시 연봉 배수의 상승",
    "pay_relax": "연봉 배수가 1로 돌아가는 분기별 속도",
    "wage_curve": "부족률이 기준을 넘는 1단위당 국내 AI 시장 연봉의 추가 연간 증가",
    "wage_curve_norm": "국내 AI 시장 연봉이 추세대로 오르는 부족률",
    "sm_passthrough": "연봉 매칭: 지원금 중 근로자에게 가는 비율 (나머지는 기업 부담 연봉을 낮춤)",
    "counter_tiers": "외부 제안을 받은 직원에게 기업이 맞제안하는 등급 (none, core, core+senior, all)",
    "budget_slack_conglomerate": "대기업 AI 예산이 허용하는 최대 연봉 프리미엄",
    "budget_slack_platform": "같은 값, 플랫폼·통신 기업",
    "budget_slack_startup": "같은 값, 스타트업·중소기업",
    "other_pay_ratio": "AI 기업 시장 연봉 대비 AI 기업 밖 연봉",
    "match_efficiency": "매칭 함수 m = A V^a S^(1-a)의 규모 A",
    "match_elasticity": "매칭 함수의 결원 탄력성 a",
    "search_otj": "재직 중 구직, AI 기업 인력",
    "search_other": "AI 기업 밖 AI 역량 보유자의 구직",
    "search_abroad_kr": "해외 한국 출신의 구직",
    "search_abroad_foreign": "국내 기업이 닿을 수 있는 해외 외국인 AI 인재의 국내 구직",
    "foreign_offer_rate": "국내 중위 역량 인력이 해외 제안을 받을 확률",
    "foreign_offer_elasticity": "역량이 높을수록 해외 제안이 늘어나는 정도",
    "dest_us": "해외 제안 중 미국 비율",
    "foreign_suspension_cut": "2020-21년 미국 입국 중단으로 막힌 미국발 제안 비율",
    "us_freeze_cut": "2022년 4분기~2023년 미국 기술기업 채용 동결로 사라진 미국발 제안 비율",
    "frontier_boom": (
        "2023년부터 프런티어 AI 연구소의 추가 제안, 2020~22년 제안의 배수(1: 두 배); "
        "연봉도 함께 오름(foreign_pay_response)"
    ),
    "foreign_target_pursuit": (
        "한국 내 인재가 해외 제안을 받아들이는 비율이 (foreign_hiring_start 전 해보다, 등급별로) 떨어질 때 해외 "
        "기업이 제안을 늘려 메우는 정도: 제안 × (그때 수락 비율 / 지금 수락 비율)^정도, 1/4~4배 이내"
    ),
    "pandemic_offer_cut": "팬데믹 기간(2020년 3분기~2022년 2분기) 성사되지 못한 해외 제안 비율",
    "pandemic_return_boost": "팬데믹 기간 해외 한국 출신 인재의 국내 구직 증가 배수",
    "dest_cn": "해외 제안 중 중국 비율",
    "dest_eu": "해외 제안 중 유럽 비율",
    "beta_pay": "직장 선택에서 로그 연봉의 가중치",
    "eco_us": "생태계 가치, 미국",
    "eco_cn": "생태계 가치, 중국",
    "eco_eu": "생태계 가치, 유럽",
    "eco_other": "생태계 가치, 기타 해외",
    "eco_kr_region": "수도권 밖 국내 생태계 가치 (수도권 = 0)",
    "home_tie": "한국 출신에게 국내 거주가 주는 가치",
    "home_tie_foreign": "외국 출신에게 한국 밖 거주가 주는 가치 (출신지와의 유대)",
    "foreign_pay_weight": "외국 출신의 직업 선택에서 로그 연봉의 가중치 (beta_pay 대비 배수)",
    "foreign_hiring_growth": "foreign_hiring_start 이후 해외의 한국 AI 인재 채용 증가율 (해외 제안이 비례)",
    "foreign_hiring_start": "해외 채용 경로의 시작 시점",
    "foreign_pay_response": (
        "해외 채용 증가(데이터 이후 채용 경로와 프런티어 연구소 붐)에 따른 해외 연봉 상승 정도: "
        "새 제안과 이미 해외에 있는 사람의 연봉"
    ),
    "move_cost": "국제 이주 비용",
    "mismatch_reject": "기업이 역량 불일치 지원자를 거절할 확률",
    "seeker_to_other": "채용되지 못한 구직자가 AI 기업 밖 일자리를 택할 확률",
    "bachelor_cohort": "연간 AI 역량 학사 졸업자, 2020년",
    "cohort_growth": "학사 졸업자 수 증가율",
    "med_pull": "졸업 코호트 상위 10% 중 의대로 가는 비율",
    "study_abroad_rate": "중위 역량 졸업자의 해외 유학 확률",
    "return_hazard": "해외 박사 졸업자가 학위 직후 귀국해 구직하는 비율 (연간)",
    "return_decay_years": "졸업자 귀국 위험률이 줄어드는 기간",
    "study_abroad_elasticity": "역량이 높을수록 유학이 늘어나는 정도",
    "faculty_ai_school": "AI 대학원당 AI 교원 (10개 대학원)",
    "faculty_other": "그 밖의 국내 대학 AI 교원",
    "faculty_tie": "교수직의 비금전적 가치 (고향 유대와 같은 효용 단위; 2 = beta_pay 2에서 연봉 2.7배)",
    "faculty_fill_rate": "연 1회 채용에서 충원되는 교수 공석 비율",
    "intake_per_faculty": "교원 1인당 연간 대학원 입학생",
    "grad_apply_share": "졸업 코호트 중 대학원 지원 비율",
    "phd_share": "대학원 입학생 중 박사 비율",
    "master_quarters": "석사 과정 기간",
    "phd_quarters": "박사 과정 기간",
    "skill_gain_master": "석사 학위의 역량 배수",
    "skill_gain_phd": "박사 학위의 역량 배수",
    "univ_mismatch": "기업 수요와 역량이 맞지 않는 국내 졸업생 비율",
    "student_dropout": "대학원생 중도 탈락률",
    "morale_sensitivity": "신규 채용자와의 상대 연봉 격차 1단위당 기존 인력 구직률 상승",
    "learning_rate": "재직 AI 인력의 역량 성장률",
    "core_quantile": "핵심 인재를 가르는 역량 분위 (초기 인구)",
    "senior_years": "핵심이 아닌 인력이 시니어가 되는 경력",
    "academy_share": "사내 AI 아카데미를 운영하는 대기업 비율",
    "academy_rate": "아카데미 운영 기업의 응용 인력이 교육받을 확률",
    "academy_gain": "아카데미 교육의 역량 배수",
    "alliance_share": "기업-대학 협력 과정에 속한 국내 대학원 정원 비율",
    "alliance_mismatch_cut": "협력 과정의 역량 불일치 감소",
    "leave_field_rate": "AI 분야를 완전히 떠나는 비율",
    "career_years": "은퇴 시점의 경력",
}

# money levers whose zero switches a limit off: the slider shows the word, not "0 KRW"
ZERO_MEANS: dict[str, dict[str, str]] = {
    "sm_cap": {"en": "none", "ko": "없음"},
    "sm_budget": {"en": "unlimited", "ko": "무제한"},
}

LEVER_LABELS: dict[str, dict[str, str]] = {
    "sm_share": {"en": "Salary matching: share paid by the state", "ko": "연봉 매칭: 정부 부담 비율"},
    "sm_tiers": {"en": "Salary matching: eligible tiers", "ko": "연봉 매칭: 지원 대상 등급"},
    "sm_cap": {
        "en": "Salary matching: cap per person a year (0 = none)",
        "ko": "연봉 매칭: 1인당 연간 상한 (0 = 없음)",
    },
    "sm_budget": {
        "en": "Salary matching: annual budget (0 = unlimited)",
        "ko": "연봉 매칭: 연간 예산 (0 = 무제한)",
    },
    "grad_seats_extra": {"en": "Extra graduate seats per year", "ko": "대학원 정원 확대 (명/년)"},
    "settle_amount": {
        "en": "Settlement package outside the capital (a year)",
        "ko": "비수도권 정착 지원금 (연간)",
    },
    "drive_rate": {
        "en": "Recruiting drives abroad (extra search rate/quarter)",
        "ko": "해외 인재 유치 활동 (분기 추가 탐색률)",
    },
    "lab_acq_size": {"en": "Buy a European lab (people)", "ko": "유럽 연구소 인수 (인원)"},
    "med_pull_cut": {"en": "Weaker medical-school pull (cut)", "ko": "의대 쏠림 완화 (감소 비율)"},
    "sm_incumbents": {"en": "Salary matching: also for staff already employed", "ko": "연봉 매칭: 기존 재직자 포함"},
    "grad_seat_cost": {
        "en": "Graduate seats: state cost (M KRW per student-year)",
        "ko": "대학원 정원: 정부 비용 (학생 1인·1년당 백만원)",
    },
    "drive_cost": {"en": "Recruiting drives: state cost a year", "ko": "해외 인재 유치: 연간 정부 비용"},
    "sm_start": {"en": "Salary matching: start (year)", "ko": "연봉 매칭: 시작 시점 (연도)"},
    "grad_seats_start": {"en": "Extra graduate seats: start (year)", "ko": "대학원 정원 확대: 시작 시점 (연도)"},
    "settle_start": {"en": "Settlement package: start (year)", "ko": "정착 지원금: 시작 시점 (연도)"},
    "drive_start": {"en": "Recruiting drives: start (year)", "ko": "해외 인재 유치: 시작 시점 (연도)"},
    "ftax_share": {
        "en": "Foreign tax relief: share of income tax waived",
        "ko": "외국인 소득세 감면: 감면 비율",
    },
    "ftax_start": {"en": "Foreign tax relief: start (year)", "ko": "외국인 소득세 감면: 시작 시점 (연도)"},
    "lab_acq_year": {"en": "Lab acquisition: date (year)", "ko": "연구소 인수: 시점 (연도)"},
    "med_pull_start": {"en": "Weaker medical-school pull: start (year)", "ko": "의대 쏠림 완화: 시작 시점 (연도)"},
    "demand_path": {"en": "AI sales after 2024 (demand path)", "ko": "2024년 이후 AI 매출 (수요 경로)"},
    "sm_passthrough": {
        "en": "Salary matching: share of the subsidy the worker keeps",
        "ko": "연봉 매칭: 지원금 중 근로자 몫",
    },
    "sm_basis": {"en": "Salary matching: eligibility by", "ko": "연봉 매칭: 지원 자격 기준"},
    "sm_min_salary": {
        "en": "Salary matching: salary threshold (a year)",
        "ko": "연봉 매칭: 연봉 기준선 (연간)",
    },
    "beta_pay": {"en": "Pay sensitivity of job choice", "ko": "직장 선택의 연봉 민감도"},
    "gap_top": {"en": "US/Korean pay at the top (×)", "ko": "최상위 인재 미국/한국 연봉 배수 (배)"},
    "home_tie": {"en": "Value of living in Korea to the Korean-born", "ko": "한국 출신의 국내 거주 선호"},
    "foreign_pay_weight": {
        "en": "Pay sensitivity of the foreign-born (× the Korean-born's)",
        "ko": "외국 출신의 연봉 민감도 (한국 출신 대비 배수)",
    },
    "foreign_hiring_growth": {
        "en": "Foreign hiring from 2026 (growth per year)",
        "ko": "2026년 이후 해외 채용 (연간 증가율)",
    },
    "us_freeze_cut": {
        "en": "US hiring freeze, 2022 Q4–2023 Q4 (share of US offers lost)",
        "ko": "미국 채용 동결, 2022년 4분기~2023년 4분기 (사라진 미국발 제안 비율)",
    },
    "init_abroad_skill": {  # not an app lever: its label in the memos of sweep-diaspora.yaml
        "en": "Skill of the diaspora at the start (median, × Korea's)",
        "ko": "시작 시점 해외 한국 출신 인력의 역량 (중위, 국내 대비 배수)",
    },
    "frontier_boom": {
        "en": "Frontier-lab hiring boom from 2023 (extra offers, × 2020–22)",
        "ko": "2023년부터 프런티어 연구소 채용 붐 (추가 제안, 2020~22년 대비 배수)",
    },
    "foreign_target_pursuit": {
        "en": "Foreign employers make up for refusals from Korea (0 = not at all, 1 = in full)",
        "ko": "해외 기업이 한국 인재의 거절을 추가 제안으로 메우는 정도 (0 = 전혀, 1 = 전부)",
    },
}

_START_HELP = {
    "en": "Decimal year, by quarter: 2026.0 = from 2026 Q1, 2026.25 = Q2, 2026.5 = Q3, 2026.75 = Q4.",
    "ko": "분기 단위 연도: 2026.0 = 2026년 1분기부터, 2026.25 = 2분기, 2026.5 = 3분기, 2026.75 = 4분기.",
}
POLICY_LABELS: dict[str, dict[str, str]] = {  # the scenario file's `policies` keys
    "salary_matching": {"en": "Salary matching", "ko": "연봉 매칭"},
    "grad_seats": {"en": "Graduate seats", "ko": "대학원 정원 확대"},
    "settlement_package": {"en": "Settlement package", "ko": "비수도권 정착 지원"},
    "recruiting_drive": {"en": "Recruiting drives abroad", "ko": "해외 인재 유치"},
    "foreign_tax_relief": {"en": "Tax relief for foreign AI staff", "ko": "외국인 AI 인력 소득세 감면"},
    "lab_acquisition": {"en": "Buying a lab abroad", "ko": "해외 연구소 인수"},
    "med_school_pull": {"en": "Medical-school pull", "ko": "의대 쏠림 완화"},
}

LEVER_HELP: dict[str, dict[str, str]] = {
    "sm_share": {
        "en": "Share of eligible salaries the state pays (seed 002: the Upstage CEO proposed about half).",
        "ko": "지원 대상 연봉 중 정부 부담 비율 (업스테이지 대표 제안: 약 절반).",
    },
    "sm_tiers": {
        "en": "core: top talent only; core and senior: top and senior staff; all AI staff: everyone at an AI firm.",
        "ko": "핵심: 핵심 인재만; 핵심+시니어: 핵심과 시니어 인재; 전체 AI 인력: AI 기업의 모든 인력.",
    },
    "sm_cap": {"en": "Largest state payment per person and year.", "ko": "1인당 연간 최대 정부 지원액."},
    "sm_budget": {
        "en": "If entitlements exceed it, every payment is cut pro rata.",
        "ko": "지원 수요가 예산을 넘으면 모든 지원액을 비례 삭감합니다.",
    },
    "grad_seats_extra": {
        "en": "Extra master's/PhD places a year, paid by the state (40 M KRW per student-year).",
        "ko": "정부 지원 석·박사 추가 정원 (학생 1인·1년당 4천만원).",
    },
    "settle_amount": {
        "en": "Paid to AI staff of firms outside the capital region.",
        "ko": "비수도권 AI 기업 인력에게 지급.",
    },
    "drive_rate": {
        "en": "Recruiting fairs and executive visits aimed at Korean-born AI people abroad.",
        "ko": "해외 한국인 AI 인력 대상 채용 박람회·경영진 방문.",
    },
    "ftax_share": {
        "en": "Share of their income tax waived for foreign-born staff of Korean AI firms working in Korea, "
        "beyond the present rules (Korea already halves it for foreign engineers: Restriction of Special "
        "Taxation Act art. 18). The state's cost is the tax waived.",
        "ko": "국내 AI 기업에서 일하는 외국 출신 인력의 소득세 중 감면 비율 (현행 외국인 기술자 50% 감면, "
        "조세특례제한법 제18조에 더해). 정부 비용은 감면된 세금입니다.",
    },
    "lab_acq_size": {
        "en": "A conglomerate buys a European lab whole (Naver bought Xerox's European centre).",
        "ko": "대기업이 유럽 연구소를 통째로 인수 (네이버의 제록스 유럽연구소 인수 사례).",
    },
    "med_pull_cut": {
        "en": "Relative cut in the share of top students lost to medical school.",
        "ko": "최상위 학생의 의대 진학 비율의 상대적 감소.",
    },
    **dict.fromkeys(START_FIELDS, _START_HELP),
    "demand_path": {
        "en": "AI sales of the surveyed firms are data to 2024 (SPRi); after that: baseline +8 %/yr, "
        "boom +20 %/yr, downturn -5 %/yr.",
        "ko": "조사 대상 기업의 AI 매출은 2024년까지 자료(SPRi). 이후 기준 연 +8 %, 호황 연 +20 %, 침체 연 -5 %.",
    },
    "sm_incumbents": {
        "en": "On: staff already employed in an eligible post are paid too; off: new hires only.",
        "ko": "켜면 이미 재직 중인 지원 대상자도 지원, 끄면 신규 채용자만 지원합니다.",
    },
    "drive_cost": {
        "en": "State spending on the recruiting drives (fairs, visits), counted in the fiscal cost.",
        "ko": "해외 인재 유치 활동(박람회·방문)에 드는 정부 지출. 재정 비용에 포함됩니다.",
    },
    "sm_basis": {
        "en": "tier: the eligible tiers above; salary: anyone whose contract salary is at or above the threshold.",
        "ko": "등급: 위의 지원 대상 등급; 연봉: 계약 연봉이 기준선 이상인 사람.",
    },
    "sm_min_salary": {
        "en": "Used when eligibility is by salary: the contract salary (before the state's share) that qualifies.",
        "ko": "연봉 기준일 때 사용: 자격이 되는 계약 연봉 (정부 부담 전).",
    },
    "sm_passthrough": {
        "en": "1 = the worker keeps the whole subsidy; 0 = the firm lowers its own pay by all of it "
        "(evidence: 0.2-1; Lokshin & Mohnen 2012, Kleven et al. 2014).",
        "ko": "1 = 근로자가 지원금 전부를 받음, 0 = 기업이 그만큼 자체 연봉을 낮춤 (근거: 0.2-1).",
    },
    "beta_pay": {
        "en": "Weight of log pay in job choice (a first guess, not calibrated).",
        "ko": "직장 선택에서 로그 연봉의 가중치 (보정되지 않은 초기 추정).",
    },
    "gap_top": {
        "en": "About 10× for Korean-born top researchers (seed 002).",
        "ko": "한국 출신 최상위 연구자 기준 약 10배 (출처: 002).",
    },
    "home_tie": {
        "en": "Pull of home for Korean-born people (a first guess, not calibrated).",
        "ko": "한국 출신 인력의 귀국 선호 (보정되지 않은 초기 추정).",
    },
    "foreign_pay_weight": {
        "en": "1 = the foreign-born weigh pay as the Korean-born do (the calibrated point). The evidence says "
        "they respond more (Kleven et al. 2013, 2014), so with intervals that include parameters each run "
        "draws it between 1 and 3, with the foreign pool's search rate refitted to the 2024 foreign share. "
        "Moving the slider sets it for every run; above 1 at the other calibrated values the baseline has "
        "more foreign-born staff than the data (1.4 % of AI staff in 2024 at 2, against 1.1 %).",
        "ko": "1 = 외국 출신도 한국 출신과 같은 비중으로 연봉을 고려 (보정 기준점). 근거 자료는 이들이 더 민감하게 "
        "반응함을 보여 주므로(Kleven 외 2013, 2014), 구간에 모수 불확실성을 포함하면 실행마다 1~3 사이 값을 뽑고 "
        "외국 인력 풀의 탐색률은 2024년 외국인 비율에 맞춰 함께 추정됩니다. 슬라이더를 움직이면 모든 실행에 그 값이 "
        "적용되며, 다른 값이 보정 기준점일 때 1보다 크면 기준 시나리오의 외국 출신 인력이 자료보다 많아집니다 "
        "(2에서 2024년 AI 인력의 1.4%, 자료는 1.1%).",
    },
    "foreign_hiring_growth": {
        "en": "How fast foreign employers' hiring of AI talent from Korea grows after 2025 (0 = stays at "
        "its 2025 level; a scenario, not a forecast). Foreign offers scale with it, foreign pay with its "
        "square root.",
        "ko": "2025년 이후 해외 기업의 한국 AI 인재 채용이 늘어나는 속도 (0 = 2025년 수준 유지; 예측이 아닌 "
        "시나리오). 해외 제안은 이에 비례하고, 해외 연봉은 그 제곱근에 비례합니다.",
    },
    "us_freeze_cut": {
        "en": "Off (0) in the calibrated model; the documented size is 0.34 (a third fewer US AI openings in "
        "2023). Alone it runs against the 2023 outflow; with the frontier-lab boom at 1 the two fit 2023 as "
        "well as the default but overshoot the 2024 outflow. It moves the baseline too (model documentation, 7.3).",
        "ko": "보정된 모형에서는 꺼짐(0); 문헌상 크기는 0.34 (2023년 미국 AI 채용 공고 약 3분의 1 감소). 단독으로는 "
        "2023년 유출과 반대 방향이며, 프런티어 연구소 붐 1과 함께 넣으면 2023년은 기본값만큼 맞지만 2024년 유출을 "
        "과대 추정합니다. 기준 시나리오도 함께 바뀝니다 (모형 문서 7.3절).",
    },
    "frontier_boom": {
        "en": "Off (0) in the calibrated model. 1 = the labs' offers to people in Korea twice as frequent from "
        "2023 as in 2020–22 (OpenAI's staff roughly doubled every year), their pay up with them (× √2 at 1). "
        "No source says how many of their hires came from Korea. It moves the baseline too.",
        "ko": "보정된 모형에서는 꺼짐(0). 1 = 2023년부터 연구소의 한국 내 인재에 대한 제안이 2020~22년의 두 배 "
        "(OpenAI 인원은 해마다 약 두 배), 연봉도 함께 상승 (1에서 × √2). 그중 한국 출신 채용 규모를 밝힌 자료는 "
        "없습니다. 기준 시나리오도 함께 바뀝니다.",
    },
    "foreign_target_pursuit": {
        "en": "0 in the calibrated model: Korea supplies few of foreign employers' hires (1.6 % of new US "
        "H-1B workers in 2014), so a refusal from Korea is replaced from elsewhere. 1 = they keep their "
        "hires from Korea at a head-count: when a policy makes people in Korea turn down more offers, "
        "they make more offers, and most of the policy's 'fewer leaving' is undone (model documentation, 7.3).",
        "ko": "보정된 모형에서는 0: 해외 기업의 채용에서 한국 출신 비중은 작으므로(2014년 미국 신규 H-1B 근로자의 "
        "1.6 %), 한국 인재의 거절은 다른 나라 인재로 채워집니다. 1 = 한국에서의 채용 인원을 유지: 정책으로 한국 "
        "내 인재가 제안을 더 많이 거절하면 제안을 늘리므로, 정책의 '유출 감소' 효과 대부분이 상쇄됩니다 "
        "(모형 문서 7.3절).",
    },
}


def t(key: str, lang: str, **kw) -> str:
    """A label in `lang` ('ko' or 'en')."""
    return T[key][lang].format(**kw)


# the values of choice parameters (tiers, eligibility basis, demand paths) as text shows them
CHOICE_LABELS: dict[str, dict[str, str]] = {
    "core": {"en": "core", "ko": "핵심"},
    "core+senior": {"en": "core and senior", "ko": "핵심+시니어"},
    "all": {"en": "all AI staff", "ko": "전체 AI 인력"},
    "none": {"en": "none", "ko": "없음"},
    "tier": {"en": "tier", "ko": "등급"},
    "salary": {"en": "salary", "ko": "연봉"},
    "baseline": {"en": "baseline", "ko": "기준"},
    "boom": {"en": "boom", "ko": "호황"},
    "downturn": {"en": "downturn", "ko": "침체"},
}


def choice_label(value: str, lang: str) -> str:
    return CHOICE_LABELS.get(value, {}).get(lang, value)


def lever_label(name: str, lang: str) -> str:
    return LEVER_LABELS.get(name, {}).get(lang, name)


def policy_label(policy: str, lang: str) -> str:
    return POLICY_LABELS.get(policy, {}).get(lang, policy)


def lever_help(name: str, lang: str) -> str:
    return LEVER_HELP.get(name, {}).get(lang, "")


def lever_condition_note(name: str, lang: str) -> str:
    """For a lever that acts only under another lever's value (`policies.condition_of`): a sentence
    saying so ('' otherwise)."""
    cond = condition_of(name)
    if cond is None:
        return ""
    other, value = cond
    return t("lever_only_if", lang, other=lever_label(other, lang), value=choice_label(str(value), lang))


# parameter units that are amounts of money, and KRW per unit: settings and sliders show them in
# 만원/억원/조원 (Korean) or M/bn/tn KRW (`amount`)
MONEY_UNITS = {"M KRW/yr/person": 1e6, "M KRW/yr": 1e6, "bn KRW/yr": 1e9}
SHARE_UNITS = ("share", "share of salary", "1/yr")  # parameter units written as percentages


def amount(krw: float, lang: str) -> str:
    """An amount set by hand (a policy setting, not an estimate): in the largest unit it fills,
    without trailing zeros.

    >>> amount(150e6, "ko"), amount(50e6, "ko"), amount(5e12, "ko"), amount(20e9, "en"), amount(0, "ko")
    ('1.5억원', '5,000만원', '5조원', '20 bn KRW', '0원')
    """
    units = (
        ((1e12, "조원"), (1e8, "억원"), (1e4, "만원"), (1.0, "원"))
        if lang == "ko"
        else ((1e12, " tn KRW"), (1e9, " bn KRW"), (1e6, " M KRW"), (1.0, " KRW"))
    )
    a = abs(krw)
    scale, unit = next((u for u in units if a >= u[0]), units[-1])
    text = f"{a / scale:,.4f}".rstrip("0").rstrip(".")
    return f"{'-' if krw < 0 else ''}{text}{unit}"


def num(v: float, spec: str) -> str:
    """`format(v, spec)` without a negative zero: a value that rounds to zero is written "0" (or
    "+0" with a "+" in `spec`), never "-0" ("+21 [-0, +56]" read as a negative bound).

    >>> num(-0.3, "+,.0f"), num(-0.03, ",.1f"), num(-0.0004, "+.1%"), num(-2.6, "+,.0f"), num(0.2, "+.2f")
    ('+0', '0.0', '+0.0%', '-3', '+0.20')
    """
    s = format(v, spec)
    if s.startswith("-") and not any(c in "123456789" for c in s):
        s = ("+" if "+" in spec else "") + s[1:]
    return s


def money(krw: float, lang: str, signed: bool = False, usd: bool = True) -> str:
    """KRW in the units memos use, with three significant digits: 조원/억원/만원 in Korean; KRW
    (M/bn/tn) and USD in English (`usd=False`: KRW only, for narrow places).

    >>> money(1.5e12, "ko"), money(3.2e9, "ko"), money(1.02e8, "ko"), money(2.5e9, "en")
    ('1.50조원', '32.0억원', '1.02억원', '2.5 bn KRW ($1.9 M)')
    >>> money(651.4e9, "en", usd=False), money(7.37e7, "ko"), money(4.3e10, "ko")
    ('651 bn KRW', '7,370만원', '430억원')
    """
    sign = "+" if signed and krw > 0 else ("-" if krw < 0 else "")
    a = abs(krw)
    if lang == "ko":
        if a < 0.5e4:  # below half of 1만원: nothing to write in 만원
            return "0원"
        if a >= 1e12:
            return f"{sign}{a / 1e12:,.2f}조원"
        if a >= 1e8:  # 1.02억원, 32.0억원, 430억원, 4,300억원 (a 1억원 [1억원, 1억원] interval said nothing)
            e = a / 1e8
            return f"{sign}{e:,.2f}억원" if e < 10 else f"{sign}{e:,.1f}억원" if e < 100 else f"{sign}{e:,.0f}억원"
        return f"{sign}{a / 1e4:,.0f}만원"
    if a >= 1e12:
        k = f"{a / 1e12:,.2f} tn KRW"
    elif a >= 1e9:  # three significant digits: "651 bn KRW" fits a metric card, "651.4 bn K…" did not
        k = f"{a / 1e9:,.1f} bn KRW" if a < 1e11 else f"{a / 1e9:,.0f} bn KRW"
    else:
        k = f"{a / 1e6:,.0f} M KRW"
    if not usd:
        return f"{sign}{k}"
    d = a / USD_KRW
    u = f"${d / 1e9:,.2f} bn" if d >= 1e9 else f"${d / 1e6:,.1f} M" if d >= 1e6 else f"${d / 1e3:,.0f}k"
    return f"{sign}{k} ({u})"


def object_particle(word: str) -> str:
    """The Korean object particle after `word`: 을 after a final consonant, 를 after a vowel (the
    last Hangul syllable's final, jongseong); 을(를) when the word does not end in Hangul."""
    last = word.rstrip()[-1:] or " "
    code = ord(last) - 0xAC00
    if not 0 <= code <= 0xD7A3 - 0xAC00:
        return "을(를)"
    return "을" if code % 28 else "를"
