"""SYNTHETIC data at national scale, a product feature: the benchmark (`make bench`) and capacity planning
generate a whole month of the country with it, and the tests a small slice of one.

Every value is invented, seeded (the same call writes the same bytes) and labelled: catalogue titles say
"(DỮ LIỆU TỔNG HỢP / SYNTHETIC)", every file name starts with `synthetic_`, every submission row's note says
"synthetic" and every dossier id starts with `SYNTHETIC-`. Written on demand into a folder of its own (never
raw/, never committed):

  catalogues.py    2-3 resolutions per province as catalogue YAML (every kind of target, multi-part targets,
                   several horizons, supporting indicators), >= 40 targets a province
  submissions.py   8-15 department workbooks per province and month, in the template's real-world variants
  portal.py        dossier-level portal exports (and the small generator the tests use)
  national.py      generate_month: all of it for one month, in the province structure in force that month
"""
