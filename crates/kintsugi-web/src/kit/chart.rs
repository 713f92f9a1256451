//! Charts drawn on the server as SVG (plotters), so they show without JavaScript and cost the
//! phone nothing. Every chart comes with a text alternative on its page; the SVG itself is
//! marked `aria-hidden` there, and only dates and numbers are ever drawn into it.

use plotters::prelude::*;

/// One line of a chart.
pub(crate) struct Series {
    /// Its name in the legend.
    pub(crate) name: &'static str,
    /// Its colour.
    pub(crate) color: RGBColor,
    /// Its values, one per point of the x axis (`None` where it has none).
    pub(crate) values: Vec<Option<f64>>,
}

/// A line chart over labelled points (dates, usually), with a fixed y range.
pub(crate) struct LineChart {
    /// The x axis' labels, one per point.
    pub(crate) labels: Vec<String>,
    /// The y range.
    pub(crate) y: (f64, f64),
    /// The y axis' description.
    pub(crate) y_desc: &'static str,
    /// The lines.
    pub(crate) series: Vec<Series>,
}

/// The site's ink and accent colours.
pub(crate) const INK: RGBColor = RGBColor(0x2b, 0x24, 0x1f);
/// Gold, for the first line.
pub(crate) const GOLD: RGBColor = RGBColor(0x8a, 0x5a, 0x00);
/// Teal, for the second line.
pub(crate) const TEAL: RGBColor = RGBColor(0x1f, 0x6f, 0x6a);
/// Five colours that stay apart on the light chart background, for charts with many lines.
pub(crate) const PALETTE: [RGBColor; 5] = [
    GOLD,
    TEAL,
    RGBColor(0x9b, 0x2f, 0x2f),
    RGBColor(0x4a, 0x4a, 0x8c),
    RGBColor(0x5f, 0x56, 0x4e),
];

impl LineChart {
    /// A chart over `labels` with the y range `y`, described as `y_desc`, and no lines yet.
    pub(crate) fn new(labels: Vec<String>, y: (f64, f64), y_desc: &'static str) -> LineChart {
        LineChart {
            labels,
            y,
            y_desc,
            series: Vec::new(),
        }
    }

    /// The same with one more line.
    pub(crate) fn line(
        mut self,
        name: &'static str,
        color: RGBColor,
        values: Vec<Option<f64>>,
    ) -> LineChart {
        self.series.push(Series {
            name,
            color,
            values,
        });
        self
    }

    /// The same drawn as bars (counts in a few categories, such as times of day): one bar per
    /// label for each line, side by side.
    pub(crate) fn bars(self) -> Bars {
        Bars(self)
    }

    /// The chart as an SVG document, sized to scale down to a phone's width.
    pub(crate) fn svg(&self) -> String {
        let mut out = String::new();
        let drawn = self.draw(&mut out, false).map_err(|e| e.to_string());
        scaled(out, drawn)
    }

    fn draw<'a>(
        &self,
        out: &'a mut String,
        bars: bool,
    ) -> Result<(), Box<dyn std::error::Error + 'a>> {
        let root = SVGBackend::with_string(out, (WIDTH, HEIGHT)).into_drawing_area();
        // The legend gets its own strip above the plot, so it never covers a point.
        let legend_height = match self.series.len() {
            0 | 1 => 0,
            _ => legend_rows(&self.series).len() as u32 * 22 + 8,
        };
        let (top, plot) = root.split_vertically(legend_height);
        let n = self.labels.len().max(1);
        let mut chart = ChartBuilder::on(&plot)
            .margin(14)
            .x_label_area_size(34)
            .y_label_area_size(52)
            .build_cartesian_2d(-0.5f64..(n as f64 - 0.5), self.y.0..self.y.1)?;
        let labels = &self.labels;
        chart
            .configure_mesh()
            .disable_x_mesh()
            .x_labels(n.min(8))
            .x_label_formatter(&|x| {
                let i = x.round();
                (i >= 0.0 && (i - x).abs() < 1e-6)
                    .then(|| labels.get(i as usize).cloned())
                    .flatten()
                    .unwrap_or_default()
            })
            .y_labels(5)
            .y_label_formatter(&|y| format!("{y:.0}"))
            .y_desc(self.y_desc)
            .label_style(("sans-serif", 17).into_font().color(&INK))
            .axis_desc_style(("sans-serif", 15).into_font().color(&INK))
            .axis_style(INK.mix(0.6))
            .bold_line_style(INK.mix(0.12))
            .light_line_style(TRANSPARENT)
            .draw()?;
        let lines = self.series.len().max(1) as f64;
        for (i, s) in self.series.iter().enumerate() {
            // Each line sits a little to its own side of the label, so two lines with the same
            // values stay two lines, and each has its own marker shape as well as its colour.
            let dodge = (i as f64 - (lines - 1.0) / 2.0) * (0.6 / lines).min(0.12);
            let points: Vec<(f64, f64)> = s
                .values
                .iter()
                .enumerate()
                .filter_map(|(x, v)| v.map(|v| (x as f64 + dodge, v)))
                .collect();
            let color = s.color;
            if bars {
                let width = 0.7 / lines;
                let left = -0.35 + width * i as f64;
                chart.draw_series(s.values.iter().enumerate().filter_map(|(x, v)| {
                    let v = (*v)?;
                    let x0 = x as f64 + left;
                    Some(Rectangle::new(
                        [(x0, self.y.0), (x0 + width * 0.9, v)],
                        color.filled(),
                    ))
                }))?;
            } else {
                chart.draw_series(LineSeries::new(points.clone(), color.stroke_width(3)))?;
                let style = color.filled();
                match shape(i) {
                    None => chart.draw_series(
                        points
                            .into_iter()
                            .map(|p| EmptyElement::at(p) + Circle::new((0, 0), 5, style)),
                    )?,
                    Some(outline) => chart.draw_series(
                        points
                            .into_iter()
                            .map(|p| EmptyElement::at(p) + Polygon::new(outline.clone(), style)),
                    )?,
                };
            }
        }
        // One line needs no legend: the page's words name it.
        let legend = match self.series.len() {
            0 | 1 => Vec::new(),
            _ => legend_rows(&self.series),
        };
        for (row, names) in legend.into_iter().enumerate() {
            let y = 14 + row as i32 * 22;
            for (x, i) in names {
                let s = &self.series[i];
                top.draw(&PathElement::new(
                    vec![(x, y), (x + 22, y)],
                    s.color.stroke_width(3),
                ))?;
                let (at, style) = ((x + 11, y), s.color.filled());
                match shape(i) {
                    None => top.draw(&(EmptyElement::at(at) + Circle::new((0, 0), 5, style)))?,
                    Some(outline) => {
                        top.draw(&(EmptyElement::at(at) + Polygon::new(outline, style)))?;
                    }
                }
                let font = ("sans-serif", 16).into_font().color(&INK);
                top.draw(&Text::new(s.name, (x + 28, y - 9), font))?;
            }
        }
        root.present()?;
        Ok(())
    }
}

/// A chart drawn as bars.
pub(crate) struct Bars(LineChart);

impl Bars {
    /// The chart as an SVG document.
    pub(crate) fn svg(&self) -> String {
        let mut out = String::new();
        let drawn = self.0.draw(&mut out, true).map_err(|e| e.to_string());
        scaled(out, drawn)
    }
}

const WIDTH: u32 = 480;
const HEIGHT: u32 = 280;

/// A drawn chart made to scale with the page (nothing, if drawing failed).
fn scaled(out: String, drawn: Result<(), String>) -> String {
    if let Err(e) = drawn {
        tracing::error!(error = %e, "chart failed");
        return String::new();
    }
    // Scale with the page instead of keeping plotters' fixed size (its viewBox stays).
    out.replacen(
        &format!("<svg width=\"{WIDTH}\" height=\"{HEIGHT}\" "),
        "<svg preserveAspectRatio=\"xMidYMid meet\" class=\"chart\" aria-hidden=\"true\" focusable=\"false\" ",
        1,
    )
}

/// The legend laid out in rows that fit the width: each entry's x and its line's index.
fn legend_rows(series: &[Series]) -> Vec<Vec<(i32, usize)>> {
    let mut rows: Vec<Vec<(i32, usize)>> = vec![Vec::new()];
    let mut x = 8;
    for (i, s) in series.iter().enumerate() {
        // About 8.5 pixels a character at 16 px, after a 28-pixel sample.
        let width = 28 + (s.name.chars().count() as f64 * 8.5) as i32 + 18;
        if x + width > WIDTH as i32 && x > 8 {
            rows.push(Vec::new());
            x = 8;
        }
        if let Some(row) = rows.last_mut() {
            row.push((x, i));
        }
        x += width;
    }
    rows
}

/// A line's marker, by its place: a circle (`None`), or a square, triangle or diamond's outline
/// in pixels around the point.
fn shape(i: usize) -> Option<Vec<(i32, i32)>> {
    match i % 4 {
        0 => None,
        1 => Some(vec![(-5, -5), (5, -5), (5, 5), (-5, 5)]),
        2 => Some(vec![(0, -7), (6, 5), (-6, 5)]),
        _ => Some(vec![(0, -7), (7, 0), (0, 7), (-7, 0)]),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_chart_is_a_scalable_svg_with_its_labels() {
        let chart = LineChart {
            labels: vec!["3 Nov".into(), "10 Nov".into(), "17 Nov".into()],
            y: (1.0, 5.0),
            y_desc: "1 to 5",
            series: vec![
                Series {
                    name: "Felt heard",
                    color: GOLD,
                    values: vec![Some(2.0), Some(3.0), Some(4.0)],
                },
                Series {
                    name: "Stayed calm",
                    color: TEAL,
                    values: vec![Some(3.0), None, Some(5.0)],
                },
            ],
        };
        let svg = chart.svg();
        assert!(svg.starts_with("<svg preserveAspectRatio="), "{svg}");
        assert_eq!(svg.matches("viewBox=").count(), 1, "one viewBox: {svg}");
        assert!(!svg[..200].contains("width="), "scales with the page");
        assert!(svg.contains("aria-hidden=\"true\""));
        for words in ["3 Nov", "17 Nov", "Felt heard", "Stayed calm"] {
            assert!(svg.contains(words), "{words}");
        }
        assert!(
            svg.contains("<polyline") || svg.contains("<path"),
            "lines drawn"
        );
    }

    #[test]
    fn counts_by_category_are_bars_and_equal_lines_stay_apart() {
        let labels = vec!["Night".to_string(), "Morning".into(), "Evening".into()];
        let bars = LineChart::new(labels.clone(), (0.0, 4.0), "entries")
            .line("Entries", TEAL, vec![Some(1.0), Some(0.0), Some(3.0)])
            .bars()
            .svg();
        let teal = |svg: &str, tag: &str| {
            svg.lines()
                .filter(|l| l.starts_with(tag) && l.contains("#1F6F6A"))
                .count()
        };
        // A bar for each time of day (an empty one for none), and no line joining them.
        assert_eq!(
            (teal(&bars, "<rect"), teal(&bars, "<polyline")),
            (3, 0),
            "{bars}"
        );
        // Two lines with the same values: each has its own marker shape and its own place.
        let same = vec![Some(2.0), Some(2.0), Some(2.0)];
        let two = LineChart::new(labels, (0.0, 4.0), "entries")
            .line("At first", GOLD, same.clone())
            .line("Afterwards", TEAL, same)
            .svg();
        assert!(two.contains("<circle") && two.contains("<polygon"), "{two}");
        let coloured = |l: &&str| l.contains("#8A5A00") || l.contains("#1F6F6A");
        let lines: Vec<&str> = two
            .lines()
            .filter(|l| l.starts_with("<polyline"))
            .filter(coloured)
            .collect();
        assert_eq!(
            lines.len(),
            4,
            "two lines and their two legend samples: {two}"
        );
        assert_ne!(
            lines[0].split("points").nth(1),
            lines[1].split("points").nth(1)
        );
    }
}
