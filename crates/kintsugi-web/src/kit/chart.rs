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

    /// The chart as an SVG document, sized to scale down to a phone's width.
    pub(crate) fn svg(&self) -> String {
        let mut out = String::new();
        if let Err(e) = self.draw(&mut out) {
            tracing::error!(error = %e, "chart failed");
            return String::new();
        }
        // Scale with the page instead of keeping plotters' fixed size.
        out.replacen(
            "<svg ",
            "<svg viewBox=\"0 0 480 280\" preserveAspectRatio=\"xMidYMid meet\" class=\"chart\" aria-hidden=\"true\" focusable=\"false\" ",
            1,
        )
    }

    fn draw(&self, out: &mut String) -> Result<(), Box<dyn std::error::Error + '_>> {
        let root = SVGBackend::with_string(out, (480, 280)).into_drawing_area();
        let n = self.labels.len().max(1);
        let mut chart = ChartBuilder::on(&root)
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
        for s in &self.series {
            let points: Vec<(f64, f64)> = s
                .values
                .iter()
                .enumerate()
                .filter_map(|(i, v)| v.map(|v| (i as f64, v)))
                .collect();
            let color = s.color;
            chart
                .draw_series(LineSeries::new(points.clone(), color.stroke_width(3)))?
                .label(s.name)
                .legend(move |(x, y)| {
                    PathElement::new(vec![(x, y), (x + 18, y)], color.stroke_width(3))
                });
            chart.draw_series(
                points
                    .into_iter()
                    .map(|p| Circle::new(p, 5, color.filled())),
            )?;
        }
        chart
            .configure_series_labels()
            .position(SeriesLabelPosition::UpperLeft)
            .background_style(WHITE.mix(0.85))
            .border_style(INK.mix(0.3))
            .label_font(("sans-serif", 16).into_font().color(&INK))
            .draw()?;
        root.present()?;
        Ok(())
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
        assert!(svg.starts_with("<svg viewBox=\"0 0 480 280\""), "{svg}");
        assert!(svg.contains("aria-hidden=\"true\""));
        for words in ["3 Nov", "17 Nov", "Felt heard", "Stayed calm"] {
            assert!(svg.contains(words), "{words}");
        }
        assert!(
            svg.contains("<polyline") || svg.contains("<path"),
            "lines drawn"
        );
    }
}
