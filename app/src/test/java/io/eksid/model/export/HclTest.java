package io.eksid.model.export;

import static org.assertj.core.api.Assertions.assertThat;

import io.eksid.model.json.Json;
import org.junit.jupiter.api.Test;

/** JSON values as HCL expressions, laid out as terraform fmt lays out jsonencode(...). */
class HclTest {

    @Test
    void nestedValuesAreIndentedAndAligned() {
        String json = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":[\"a:b\",\"c:d\"],"
                + "\"Condition\":{\"NumericLessThan\":{\"k\":[1,2.50,1e3]},\"Bool\":{\"x\":true}},\"N\":null,"
                + "\"E\":[],\"O\":{}},[[1],{\"a\":\"b\"}]]}";
        assertThat(Hcl.expression(Json.read(json))).isEqualTo("""
                {
                  Version = "2012-10-17"
                  Statement = [
                    {
                      Effect = "Allow"
                      Action = ["a:b", "c:d"]
                      Condition = {
                        NumericLessThan = {
                          k = [1, 2.50, 1E+3]
                        }
                        Bool = {
                          x = true
                        }
                      }
                      N = null
                      E = []
                      O = {}
                    },
                    [
                      [1],
                      {
                        a = "b"
                      },
                    ],
                  ]
                }""");
    }

    @Test
    void keysThatAreNotIdentifiersAreQuoted() {
        assertThat(Hcl.expression(Json.read("{\"aws:SourceAccount\":\"1\",\"ok_key-1\":\"2\",\"1st\":\"3\"}")))
                .isEqualTo("{\n  \"aws:SourceAccount\" = \"1\"\n  ok_key-1            = \"2\"\n  \"1st\"     "
                        + "          = \"3\"\n}");
    }

    @Test
    void stringsEscapeWhatHclReadsAndKeepTemplateSequencesLiteral() {
        assertThat(Hcl.quote("${aws:username} %{if} $x %y \"q\" \\ \n\t\r\b\f\u0001é"))
                .isEqualTo("\"$${aws:username} %%{if} $x %y \\\"q\\\" \\\\ \\n\\t\\r\\u0008\\u000C\\u0001é\"");
    }
}
