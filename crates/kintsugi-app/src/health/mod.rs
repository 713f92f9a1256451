//! Step 10, the Health check: a private, periodic self-assessment on the questions the program
//! asks, read back in plain words with its trend; never a verdict, never shown to the partner.
//! (Mutual effort, built from shared facts only, is `crate::effort`.)

use std::collections::HashMap;

use kintsugi_domain::Visibility;
use kintsugi_domain::health::{Assessment, Question, SCALE};
use serde::{Deserialize, Serialize};

pub mod safety;

use crate::records::{self, Page};
use crate::step::Step;
use crate::{Actor, Result, Stamp, now};

crate::record_kinds!(Assessment => "health_check" []);

/// Step 10 in the registry.
pub const STEP: Step = Step::new(10, "health", KINDS).for_one();

/// A health check as sent.
#[derive(Debug, Clone, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema),
    schema(example = json!({"answers": {"consistent": 3, "safe": 4, "growing": 3, "respect": 4, "repair": 3, "both": 2}})))]
pub struct NewAssessment {
    /// One answer per question (`consistent`, `safe`, `growing`, `respect`, `repair`, `both`),
    /// each 1 (not at all) to 5 (fully).
    pub answers: HashMap<Question, i64>,
}

/// One question with the newest answer read back.
#[derive(Debug, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema), schema(as = HealthQuestionView))]
pub struct QuestionView {
    /// Its name in forms and the API.
    pub question: Question,
    /// The statement.
    pub label: &'static str,
    /// The newest answer, 1–5.
    pub answer: Option<u8>,
    /// The same, in words.
    pub answer_label: Option<&'static str>,
    /// A plain reading of it.
    pub reading: Option<&'static str>,
}

/// One past check, for the trend: answers in the order of the questions.
#[derive(Debug, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PastAssessment {
    /// When.
    pub at: Stamp,
    /// Answers, 1–5, question by question.
    pub answers: Vec<u8>,
}

/// The health check as its author sees it (nobody else can).
#[derive(Debug, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct HealthView {
    /// Every question, with the newest answer read back.
    pub questions: Vec<QuestionView>,
    /// When the newest check was made.
    pub latest: Option<Stamp>,
    /// Checks of the last year, oldest first.
    pub trend: Vec<PastAssessment>,
}

/// Makes a health check (private).
pub async fn assess(actor: &Actor, new: &NewAssessment) -> Result<()> {
    let answers: Vec<(Question, i64)> = new.answers.iter().map(|(q, a)| (*q, *a)).collect();
    let a = Assessment::parse(&answers)?;
    records::create(actor, Visibility::Private, None, &a).await?;
    Ok(())
}

/// The actor's checks of the last year, read back, with their trend.
pub async fn view(actor: &Actor) -> Result<HealthView> {
    let mut checks = records::since::<Assessment>(actor, now() - 366 * 86_400).await?;
    checks.retain(|c| c.mine);
    if checks.is_empty() {
        let (older, _) = records::page::<Assessment>(actor, Page::first(1)).await?;
        checks = older.into_iter().filter(|c| c.mine).collect();
    }
    let newest = checks.first();
    let questions = Question::ALL
        .iter()
        .map(|q| {
            let answer = newest.and_then(|c| c.body.of(*q));
            QuestionView {
                question: *q,
                label: q.label(),
                answer_label: answer.and_then(|a| SCALE.get(usize::from(a) - 1).copied()),
                reading: answer.map(|a| q.reading(a)),
                answer,
            }
        })
        .collect();
    Ok(HealthView {
        questions,
        latest: newest.map(|c| actor.stamp(c.created_at)),
        trend: checks
            .iter()
            .rev()
            .map(|c| PastAssessment {
                at: actor.stamp(c.created_at),
                answers: Question::ALL
                    .iter()
                    .map(|q| c.body.of(*q).unwrap_or(0))
                    .collect(),
            })
            .collect(),
    })
}
