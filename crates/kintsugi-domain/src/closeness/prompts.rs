//! The conversation prompts, in three depths, written for a couple rebuilding trust: each asks
//! about the two of them now, what helps, and what they hope for, never a quiz.

use super::Depth;

/// How many prompts each depth holds.
pub const PROMPTS_PER_DEPTH: usize = 30;

const LIGHT: [&str; PROMPTS_PER_DEPTH] = [
    "What is one small thing I did this week that made your day a little easier?",
    "Which ordinary moment with me do you enjoy most: a meal, a walk, a quiet evening, something else?",
    "What is a song, a smell or a place that reminds you of a good time we had?",
    "If we had a free Saturday with no plans, how would you like to spend part of it together?",
    "What is something you have been looking forward to lately, big or small?",
    "What made you smile today?",
    "Which of our old jokes still makes you laugh?",
    "What is one thing about our home that you love coming back to?",
    "What is a meal you would like us to cook or share together soon?",
    "When did you last feel relaxed around me? What was happening?",
    "What is a small habit of mine you secretly like?",
    "What is something new you would like to try together this month?",
    "What is a kind thing someone did for you recently?",
    "Which photo of us do you like best, and why?",
    "What is one thing you would like more of in our evenings?",
    "What did you enjoy doing as a child that you would like to do again?",
    "Where would you like to go for a short walk with me, and what would we talk about?",
    "What was the best part of your week so far?",
    "What is something I taught you, or you taught me, that you still use?",
    "If we gave this month a title, what would you call it?",
    "What is a sound or a sight from today you would like to tell me about?",
    "What is one errand or chore we could turn into time together?",
    "Which friend of ours would you like to see soon, and why them?",
    "What is a film, show or book you would like us to share?",
    "What is one thing you are proud of from this week?",
    "What would a perfect slow morning together look like for you?",
    "What is a place we have not been yet that you would like to see with me?",
    "What is a compliment you received that stayed with you?",
    "What is something small that would make tomorrow easier for you?",
    "What is one thing you noticed about me lately that you liked?",
];

const DEEPER: [&str; PROMPTS_PER_DEPTH] = [
    "When do you feel most listened to by me? What do I do then?",
    "What is one thing I could do that would help you feel more at ease this week?",
    "What has been harder than you expected while we work on trust?",
    "What is something you appreciate about how we handled a difficult moment lately?",
    "Which of our routines helps you feel steady, and which would you like to change?",
    "What does a good apology look like to you, and why?",
    "When you are worried, what helps you most: words, time, company, space?",
    "What is something you would like me to ask you about more often?",
    "What is one promise between us that you feel is going well?",
    "How do you like to be comforted when you have had a bad day?",
    "What is one way your family showed love that you want to keep, and one you want to leave behind?",
    "What does honesty look like in everyday life, for you?",
    "When did you last feel proud of us as a couple?",
    "What is something you find hard to say out loud, and how could I make it easier?",
    "Which of your needs do you think I understand well, and which less well?",
    "How do you know when you need a pause in a conversation? How can I notice it too?",
    "What is a belief about relationships you grew up with that you have questioned since?",
    "What helps you trust someone's words? What helps you trust their actions?",
    "What would you like us to do differently the next time we disagree?",
    "What is a moment when you felt I was really on your side?",
    "What are you still curious about when it comes to me?",
    "What does a day of feeling close to me look like, from morning to night?",
    "What is one boundary that helps you feel safe with me, and how can I respect it well?",
    "What part of our story do you like telling other people?",
    "What do you need from me when I have had a hard day?",
    "What is something you have forgiven yourself for, and how did you get there?",
    "Which small sign of care from me means more than I might think?",
    "What is one thing you would like us to stop doing, gently, and what could replace it?",
    "How would you like us to mark progress, however small?",
    "When do you feel most like yourself with me?",
];

const DEEP: [&str; PROMPTS_PER_DEPTH] = [
    "What do you need from me to feel that what happened will not happen again?",
    "What have you not yet said about how the hurt affected you, and would you like to say it now?",
    "What are you afraid of when you think about our future, and what gives you hope?",
    "What does rebuilding trust mean to you: what would be different when it is rebuilt?",
    "Which of your fears about us do you think are about the past, and which about now?",
    "What do you wish I understood about the moment you found out, or the moment you told me?",
    "When have you felt most alone in this relationship, and what would have helped?",
    "What part of yourself have you held back from me lately, and why?",
    "What would you like us to remember from this time, years from now?",
    "What is the hardest thing for you about forgiving, or about being forgiven?",
    "What does feeling safe with me look like, in your body and in your day?",
    "What is one thing you have learned about yourself since things became difficult?",
    "What would you need from me on a day when the old hurt comes back?",
    "Which of my changes have you noticed, and which do you still wait to see?",
    "What does commitment mean to you now, compared with when we first met?",
    "What are you most grateful for in how we have tried to repair things?",
    "What is something you need to grieve before you can move on, and how can I stand beside you?",
    "When you imagine us a year from now, what do you hope is true?",
    "What do you want me to know about the times you stayed silent?",
    "What does being fully known by me feel like to you: frightening, hopeful, both?",
    "What is a question you have been afraid to ask me, and are you ready to ask it now?",
    "What helps you believe a change is real and not just for now?",
    "How has this time changed the way you see love?",
    "What is one thing you need to hear from me that you have not heard yet?",
    "What would help you feel that your feelings about what happened are welcome, even the hard ones?",
    "When did you first feel a little hope again, and what brought it?",
    "What would you like us to do when one of us wants to talk about the past and the other does not?",
    "What does it mean to you to choose each other again?",
    "What part of our relationship do you want to protect, whatever happens?",
    "If you could tell the person you were on the hardest day something, what would you say?",
];

/// The words of prompt `number` of `depth`, or `None` if there is no such prompt.
pub fn prompt(depth: Depth, number: u16) -> Option<&'static str> {
    let list = match depth {
        Depth::Light => &LIGHT,
        Depth::Deeper => &DEEPER,
        Depth::Deep => &DEEP,
    };
    list.get(usize::from(number)).copied()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_prompt_is_a_question_and_none_repeats() {
        let mut all: Vec<&str> = Vec::new();
        for depth in Depth::ALL {
            for n in 0..PROMPTS_PER_DEPTH as u16 {
                let p = prompt(*depth, n).expect("valid");
                assert!(p.ends_with('?'), "{p}");
                all.push(p);
            }
            assert!(prompt(*depth, PROMPTS_PER_DEPTH as u16).is_none());
        }
        let n = all.len();
        all.sort_unstable();
        all.dedup();
        assert_eq!(all.len(), n);
    }
}
